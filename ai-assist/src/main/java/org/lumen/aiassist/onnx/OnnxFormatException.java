// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

import java.io.IOException;

/** The bytes are not an ONNX model Lumen can read; the message says what is wrong, in one sentence. */
public final class OnnxFormatException extends IOException {

    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
