// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/** A JPEG codestream Lumen cannot decode, with the reason. */
public final class JpegException extends Exception {

    public JpegException(String message) {
        super(message);
    }
}
