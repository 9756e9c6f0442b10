// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.lumen.annotation.catalog.Code;

/**
 * Puts attributes into the data sets Lumen writes (SEG, SR): the VR from the dictionary, text in
 * UTF-8 (the files declare ISO_IR 192), sequences and coded items. One place, so both writers encode alike.
 */
final class Elements {

    static final String CHARACTER_SET = "ISO_IR 192";
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;
    private static final SpecificCharacterSet UTF8 = new SpecificCharacterSet(new String[] {CHARACTER_SET});

    private Elements() { }

    /** Puts the attribute with these values; with none (or only nulls) it is present and empty (type 2). */
    static void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), UTF8);
        for (String value : values) {
            if (value != null) {
                a.addValue(value);
            }
        }
        list.put(a);
    }

    static void putNumbers(AttributeList list, AttributeTag tag, double... values) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), UTF8);
        for (double value : values) {
            a.addValue(value);
        }
        list.put(a);
    }

    static void putInts(AttributeList list, AttributeTag tag, int... values) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), UTF8);
        for (int value : values) {
            a.addValue(value);
        }
        list.put(a);
    }

    static void putTags(AttributeList list, AttributeTag tag, AttributeTag... values) throws DicomException {
        AttributeTagAttribute a = new AttributeTagAttribute(tag);
        for (AttributeTag value : values) {
            a.addValue(value);
        }
        list.put(a);
    }

    /** A sequence with these items. */
    static SequenceAttribute sequence(AttributeList list, AttributeTag tag, AttributeList... items) {
        SequenceAttribute s = new SequenceAttribute(tag);
        for (AttributeList item : items) {
            s.addItem(item);
        }
        list.put(s);
        return s;
    }

    /** A code sequence item: Code Value, Coding Scheme Designator, Code Meaning. */
    static AttributeList code(Code code) throws DicomException {
        AttributeList item = new AttributeList();
        put(item, TagFromName.CodeValue, code.value());
        put(item, TagFromName.CodingSchemeDesignator, code.scheme());
        put(item, TagFromName.CodeMeaning, code.meaning());
        return item;
    }

    /** Copies a text attribute's value (decoded) into {@code to} as a new UTF-8 attribute; absent or empty becomes empty. */
    static void copy(AttributeList from, AttributeList to, AttributeTag tag) throws DicomException {
        String value = Attribute.getSingleStringValueOrNull(from, tag);
        if (from.get(tag) != null && from.get(tag).getVM() > 1) {
            put(to, tag, Attribute.getStringValues(from, tag));
        } else {
            put(to, tag, value == null || value.isEmpty() ? null : value);
        }
    }

    /**
     * What every instance Lumen derives from a series starts with: character set, SOP class and instance, creation
     * time, the patient and study copied from the source (with its de-identification flags where it has them,
     * so a SEG or SR of a de-identified series says so too), and {@code alsoCopied}.
     */
    static void derivedInstance(AttributeList list, AttributeList from, String sopClass, String instance, LocalDateTime now,
                                AttributeTag... alsoCopied) throws DicomException {
        put(list, TagFromName.SpecificCharacterSet, CHARACTER_SET);
        put(list, TagFromName.SOPClassUID, sopClass);
        put(list, TagFromName.SOPInstanceUID, instance);
        put(list, TagFromName.InstanceCreationDate, date(now));
        put(list, TagFromName.InstanceCreationTime, time(now));
        for (AttributeTag tag : new AttributeTag[] {TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate,
                TagFromName.PatientSex, TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyTime,
                TagFromName.ReferringPhysicianName, TagFromName.StudyID, TagFromName.AccessionNumber, TagFromName.StudyDescription}) {
            copy(from, list, tag);
        }
        for (AttributeTag tag : alsoCopied) {
            copy(from, list, tag);
        }
        for (AttributeTag optional : new AttributeTag[] {TagFromName.IssuerOfPatientID, TagFromName.PatientAge,
                TagFromName.PatientIdentityRemoved, TagFromName.DeidentificationMethod}) {
            if (from.get(optional) != null) {
                copy(from, list, optional);
            }
        }
    }

    static String date(LocalDateTime at) {
        return DATE.format(at);
    }

    static String time(LocalDateTime at) {
        return TIME.format(at);
    }
}
