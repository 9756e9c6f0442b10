// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

/**
 * ONNX Runtime would not load a model on the CPU (so the model, not the device, is at fault): an
 * operator it does not implement, an opset it does not know, a malformed graph. The message is one
 * sentence; {@link #operator()} names the operator when that was the reason.
 */
public final class ModelLoadException extends Exception {

    private final String operator;

    public ModelLoadException(String message, String operator, Throwable cause) {
        super(message, cause);
        this.operator = operator;
    }

    /** The operator ONNX Runtime could not run, or null when the reason was another. */
    public String operator() { return operator; }
}
