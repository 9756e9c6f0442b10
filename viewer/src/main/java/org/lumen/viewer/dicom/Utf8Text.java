// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;

/**
 * Puts attributes in their dictionary VR, text encoded with the UTF-8 character set ({@value #CHARACTER_SET}) the
 * files Lumen writes declare; shared by the image writers so the patient and study modules are written one way.
 */
public final class Utf8Text {

    public static final String CHARACTER_SET = "ISO_IR 192";
    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    private final SpecificCharacterSet characterSet = new SpecificCharacterSet(new String[] {CHARACTER_SET});

    /** Puts the attribute with these values; with no (or only null) values it is present and empty (type 2). */
    public void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), characterSet);
        for (String value : values) {
            if (value != null) {
                attribute.addValue(value);
            }
        }
        list.put(attribute);
    }

    /** Puts a numeric attribute (IS, US, …) with these values. */
    public static void numbers(AttributeList list, AttributeTag tag, int... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag));
        for (int value : values) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    /** The character set, the Patient module and the General Study module (the referring physician present and empty). */
    public void patientAndStudy(AttributeList list, PatientInfo patient, StudyInfo study) throws DicomException {
        put(list, TagFromName.SpecificCharacterSet, CHARACTER_SET);
        put(list, TagFromName.PatientName, patient.name());
        put(list, TagFromName.PatientID, patient.id());
        put(list, TagFromName.PatientBirthDate, patient.birthDate());
        put(list, TagFromName.PatientSex, patient.sex());
        put(list, TagFromName.StudyInstanceUID, study.studyInstanceUid());
        put(list, TagFromName.StudyDate, study.date());
        put(list, TagFromName.StudyTime, study.time());
        put(list, TagFromName.StudyDescription, study.description());
        put(list, TagFromName.AccessionNumber, study.accessionNumber());
        put(list, TagFromName.StudyID, study.studyId());
        put(list, TagFromName.ReferringPhysicianName);
    }
}
