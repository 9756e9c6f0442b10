// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

/** A file Lumen cannot use; the message is the one-sentence reason shown to the user. */
public class UnusableFileException extends Exception {

    public UnusableFileException(String reason) {
        super(reason);
    }

    public UnusableFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
