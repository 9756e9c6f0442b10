// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import org.lumen.viewer.index.ObjectKind;

/** Classifies SOP classes into what Lumen does with them. */
final class SopClasses {

    static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
    private static final String STORAGE = "1.2.840.10008.5.1.4.1.1.";

    private SopClasses() { }

    static ObjectKind kindOf(String sopClass, boolean hasPixelData) {
        if (sopClass == null) {
            return hasPixelData ? ObjectKind.IMAGE : ObjectKind.OTHER;
        }
        if (sopClass.equals(MEDIA_STORAGE_DIRECTORY)) {
            return ObjectKind.DIRECTORY;
        }
        if (sopClass.startsWith(STORAGE)) {
            String rest = sopClass.substring(STORAGE.length());
            if (rest.equals("66.4")) {
                return ObjectKind.SEGMENTATION;
            }
            if (rest.equals("88.59")) {
                return ObjectKind.KEY_OBJECT_SELECTION;
            }
            if (rest.startsWith("88.")) {
                return ObjectKind.STRUCTURED_REPORT;
            }
            if (rest.equals("481.3")) {
                return ObjectKind.RT_STRUCTURE_SET;
            }
            if (rest.equals("481.5") || rest.equals("481.8")) {
                return ObjectKind.RT_PLAN;
            }
            if (rest.startsWith("11.")) {
                return ObjectKind.PRESENTATION_STATE;
            }
            if (rest.startsWith("9.")) {
                return ObjectKind.WAVEFORM;
            }
            if (rest.startsWith("104.")) {
                return ObjectKind.ENCAPSULATED_DOCUMENT;
            }
            if (rest.equals("66")) {
                return ObjectKind.RAW_DATA;
            }
            if (rest.startsWith("481.") && !rest.equals("481.1") && !rest.equals("481.2")) {
                return ObjectKind.OTHER; // RT records and plans other than RT Image and RT Dose
            }
            if (rest.startsWith("66.") || rest.startsWith("67") || rest.startsWith("68.")) {
                return ObjectKind.OTHER; // registrations, fiducials, surfaces, implant templates
            }
            // Every other storage class is an image class: without pixel data it is a broken image.
            return ObjectKind.IMAGE;
        }
        return hasPixelData ? ObjectKind.IMAGE : ObjectKind.OTHER;
    }

    static String name(String sopClass) {
        return switch (sopClass == null ? "" : sopClass) {
            case STORAGE + "2" -> "CT Image";
            case STORAGE + "2.1" -> "Enhanced CT Image";
            case STORAGE + "4" -> "MR Image";
            case STORAGE + "4.1" -> "Enhanced MR Image";
            case STORAGE + "1" -> "CR Image";
            case STORAGE + "1.1" -> "Digital X-Ray Image";
            case STORAGE + "7" -> "Secondary Capture Image";
            case STORAGE + "481.2" -> "RT Dose";
            default -> sopClass == null ? "unknown SOP class" : "SOP class " + sopClass;
        };
    }
}
