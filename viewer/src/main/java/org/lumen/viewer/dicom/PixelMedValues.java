// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/** {@link HeaderValues} over a PixelMed attribute list: the path for files the fast parser declines. */
final class PixelMedValues implements HeaderValues {

    private final AttributeList list;

    PixelMedValues(AttributeList list) {
        this.list = list;
    }

    private static AttributeTag tagOf(int tag) {
        return new AttributeTag(tag >>> 16, tag & 0xFFFF);
    }

    @Override
    public boolean has(int tag) {
        return list.get(tagOf(tag)) != null;
    }

    @Override
    public String string(int tag) {
        return Attributes.string(list, tagOf(tag));
    }

    @Override
    public String strings(int tag) {
        return Attributes.strings(list, tagOf(tag));
    }

    @Override
    public double[] doubles(int tag) {
        return Attributes.doubles(list, tagOf(tag));
    }

    @Override
    public short[] words(int tag) {
        Attribute a = list.get(tagOf(tag));
        try {
            return a == null ? null : a.getShortValues();
        } catch (DicomException e) {
            return null;
        }
    }

    @Override
    public HeaderValues item(int sequenceTag, int index) {
        if (list.get(tagOf(sequenceTag)) instanceof SequenceAttribute seq && index < seq.getNumberOfItems()) {
            return new PixelMedValues(seq.getItem(index).getAttributeList());
        }
        return null;
    }

    @Override
    public int itemCount(int sequenceTag) {
        return list.get(tagOf(sequenceTag)) instanceof SequenceAttribute seq ? seq.getNumberOfItems() : 0;
    }
}
