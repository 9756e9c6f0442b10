// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

import ai.onnxruntime.OrtProvider;
import java.util.List;
import java.util.Locale;

/**
 * The ONNX Runtime this build carries: its version and the execution providers compiled into it
 * (CPU always; CUDA in the {@code gpu} build). Loads the native library, so only {@code lumen --version}
 * and the AI features ask for it, never the start of the window or the command line.
 */
public record RuntimeInfo(String version, List<String> providers) {

    public static RuntimeInfo load() {
        List<String> providers = ai.onnxruntime.OrtEnvironment.getAvailableProviders().stream()
                .map(RuntimeInfo::name)
                .sorted()
                .toList();
        return new RuntimeInfo(InferenceSession.environment().getVersion(), providers);
    }

    /** CPU, CUDA, TENSOR_RT... as users know them (ONNX Runtime's enum says CPU, CUDA, TENSOR_RT). */
    private static String name(OrtProvider provider) {
        return provider.name().toUpperCase(Locale.ROOT);
    }
}
