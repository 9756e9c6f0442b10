// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;

/**
 * A coded concept from a standard terminology, as DICOM writes it (Coding Scheme Designator, Code
 * Value, Code Meaning): e.g. SCT 39607008 "Lung", RADLEX RID3875 "Nodule". Exporters need it.
 */
public record Code(String scheme, String value, String meaning) {

    public Code {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
        if (scheme.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("a code needs a scheme and a value");
        }
    }
}
