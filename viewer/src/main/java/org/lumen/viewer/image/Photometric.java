// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** Photometric interpretations Lumen displays (PS3.3 C.7.6.3.1.2). */
public enum Photometric {
    MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422, YBR_PARTIAL_422, YBR_ICT, YBR_RCT, PALETTE_COLOR, UNKNOWN;

    public static Photometric parse(String value) {
        if (value == null || value.isBlank()) {
            return MONOCHROME2;
        }
        return switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "MONOCHROME1" -> MONOCHROME1;
            case "MONOCHROME2" -> MONOCHROME2;
            case "RGB" -> RGB;
            case "YBR_FULL" -> YBR_FULL;
            case "YBR_FULL_422" -> YBR_FULL_422;
            case "YBR_PARTIAL_422", "YBR_PARTIAL_420" -> YBR_PARTIAL_422;
            case "YBR_ICT" -> YBR_ICT;
            case "YBR_RCT" -> YBR_RCT;
            case "PALETTE COLOR" -> PALETTE_COLOR;
            default -> UNKNOWN;
        };
    }

    public boolean isMonochrome() {
        return this == MONOCHROME1 || this == MONOCHROME2;
    }

    /** The DICOM spelling, for display and JSON. */
    public String dicomName() {
        return this == PALETTE_COLOR ? "PALETTE COLOR" : name();
    }
}
