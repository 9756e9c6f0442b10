// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

/** The image modalities Lumen can write, with their single-frame and enhanced multi-frame SOP classes. */
public enum ImageModality {

    CT("CT", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1"),
    MR("MR", "1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.4.1");

    private final String code;
    private final String imageStorageSopClass;
    private final String enhancedImageStorageSopClass;

    ImageModality(String code, String imageStorageSopClass, String enhancedImageStorageSopClass) {
        this.code = code;
        this.imageStorageSopClass = imageStorageSopClass;
        this.enhancedImageStorageSopClass = enhancedImageStorageSopClass;
    }

    /** The value of the Modality attribute. */
    public String code() { return code; }

    /** CT Image Storage or MR Image Storage. */
    public String imageStorageSopClass() { return imageStorageSopClass; }

    /** Enhanced CT Image Storage or Enhanced MR Image Storage. */
    public String enhancedImageStorageSopClass() { return enhancedImageStorageSopClass; }
}
