// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

/** Where a case goes for training: fitted on, checked on while training, or kept for the final test. */
public enum Split {
    TRAIN("train"),
    VALIDATION("validation"),
    TEST("test");

    private final String word;

    Split(String word) {
        this.word = word;
    }

    /** The name in manifests and datalists. */
    public String word() {
        return word;
    }
}
