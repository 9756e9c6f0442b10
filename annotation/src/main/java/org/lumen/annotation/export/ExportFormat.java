// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The trainer layouts a dataset can be exported in. */
public enum ExportFormat {
    /** nnU-Net v2's raw layout: {@code DatasetNNN_Name/imagesTr, labelsTr, imagesTs, dataset.json}. */
    NNUNET("nnunet"),
    /** MONAI / Medical Segmentation Decathlon: imagesTr, labelsTr, imagesTs and a datalist with training, validation, test. */
    MONAI("monai"),
    /** COCO JSON: boxes and points on PNG slices, one annotation file per split. */
    COCO("coco"),
    /** Fiji / ImageJ / QuPath: a calibrated TIFF hyperstack (image and label channels) and an ROI set per case. */
    IMAGEJ("imagej"),
    /** De-identified DICOM: per case the series, its labels as a DICOM SEG and its findings and measurements as a TID 1500 SR. */
    DICOM("dicom");

    private final String word;

    ExportFormat(String word) {
        this.word = word;
    }

    /** The name on the command line. */
    public String word() {
        return word;
    }

    /** The format called {@code name} (any case); the sentence lists the known ones otherwise. */
    public static ExportFormat parse(String name) {
        String clean = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.word.equals(clean)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name + "'; known: "
                + Arrays.stream(values()).map(ExportFormat::word).collect(Collectors.joining(", ")));
    }
}
