// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/** What a DICOM object is, so non-image objects are listed as such instead of reported as broken images. */
public enum ObjectKind {
    IMAGE("image"),
    SEGMENTATION("segmentation (SEG)"),
    STRUCTURED_REPORT("structured report (SR)"),
    RT_STRUCTURE_SET("RT structure set"),
    RT_PLAN("RT plan"),
    PRESENTATION_STATE("presentation state (PR)"),
    KEY_OBJECT_SELECTION("key object selection (KO)"),
    WAVEFORM("waveform"),
    ENCAPSULATED_DOCUMENT("encapsulated document"),
    RAW_DATA("raw data"),
    DIRECTORY("DICOMDIR"),
    OTHER("non-image object");

    private final String description;

    ObjectKind(String description) {
        this.description = description;
    }

    public String description() { return description; }

    public boolean isImage() { return this == IMAGE; }
}
