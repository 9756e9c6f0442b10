// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

/** A class an annotator paints: its label value in the mask (1–255), its name and colour (RGB). */
public record AnnotationClass(int label, String name, int rgb) {

    public AnnotationClass {
        if (label < 1 || label > 255) {
            throw new IllegalArgumentException("a class label is 1..255, not " + label);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a class needs a name");
        }
        rgb &= 0xFFFFFF;
    }
}
