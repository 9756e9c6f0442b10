// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.AttributeTag;

/** The Segmentation IOD's attributes that PixelMed's TagFromName lacks, for the SEG writer and reader alike. */
final class SegTags {

    static final AttributeTag SEGMENT_SEQUENCE = new AttributeTag(0x0062, 0x0002);
    static final AttributeTag SEGMENTATION_TYPE = new AttributeTag(0x0062, 0x0001);
    static final AttributeTag SEGMENTS_OVERLAP = new AttributeTag(0x0062, 0x0013);
    static final AttributeTag MAX_FRACTIONAL_VALUE = new AttributeTag(0x0062, 0x000E);
    static final AttributeTag SEGMENT_NUMBER = new AttributeTag(0x0062, 0x0004);
    static final AttributeTag SEGMENT_LABEL = new AttributeTag(0x0062, 0x0005);
    static final AttributeTag SEGMENT_ALGORITHM_TYPE = new AttributeTag(0x0062, 0x0008);
    static final AttributeTag SEGMENT_ALGORITHM_NAME = new AttributeTag(0x0062, 0x0009);
    static final AttributeTag SEGMENT_IDENTIFICATION = new AttributeTag(0x0062, 0x000A);
    static final AttributeTag REFERENCED_SEGMENT_NUMBER = new AttributeTag(0x0062, 0x000B);
    static final AttributeTag RECOMMENDED_CIELAB = new AttributeTag(0x0062, 0x000D);
    static final AttributeTag CATEGORY_CODES = new AttributeTag(0x0062, 0x0003);
    static final AttributeTag TYPE_CODES = new AttributeTag(0x0062, 0x000F);
    static final AttributeTag PLANE_POSITION = new AttributeTag(0x0020, 0x9113);

    private SegTags() { }
}
