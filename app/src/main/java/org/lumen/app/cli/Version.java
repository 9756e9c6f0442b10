// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.runtime.RuntimeInfo;
import org.lumen.app.startup.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code lumen --version}: Lumen's version and git commit as the build recorded them, the Java runtime,
 * and the ONNX Runtime with its execution providers (the one place outside the AI features that loads it).
 */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        List<String> lines = new ArrayList<>();
        lines.add("Lumen " + build.version() + ", commit " + build.commit() + (build.built() == null ? "" : ", built " + build.built()));
        lines.add("Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        lines.add(onnxRuntime());
        return lines.toArray(String[]::new);
    }

    private static String onnxRuntime() {
        try {
            RuntimeInfo ort = RuntimeInfo.load();
            return "ONNX Runtime " + ort.version() + ", execution providers: " + String.join(", ", ort.providers());
        } catch (RuntimeException | LinkageError e) {
            // --version still answers when the native library cannot load (a missing system library, another CPU).
            return "ONNX Runtime: cannot be loaded (" + e + "); the AI features are unavailable";
        }
    }
}
