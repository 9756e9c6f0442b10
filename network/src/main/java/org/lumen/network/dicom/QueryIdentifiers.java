// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.lumen.network.query.InstanceMatch;
import org.lumen.network.query.QueryLevel;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;

/**
 * The C-FIND identifiers of Lumen's queries (PS3.4 §C.6.2, Study Root), and the matches read from the
 * answers: with {@code InstanceFiles}, the network module's only use of PixelMed. Every key Lumen wants back is asked
 * for (an empty value is a "return key"); filters are the matching keys of {@link StudyQuery}.
 */
public final class QueryIdentifiers {

    private QueryIdentifiers() { }

    /** The identifier of a query at {@code level}, encoded in {@code transferSyntax}. */
    public static byte[] encode(StudyQuery q, QueryLevel level, String transferSyntax) throws IOException {
        try {
            AttributeList list = new AttributeList();
            text(list, TagFromName.QueryRetrieveLevel, level == QueryLevel.STUDY ? "STUDY" : "SERIES");
            text(list, TagFromName.StudyInstanceUID, q.studyInstanceUid());
            if (level == QueryLevel.STUDY) {
                text(list, TagFromName.PatientName, q.patientName());
                text(list, TagFromName.PatientID, q.patientId());
                text(list, TagFromName.StudyDate, q.dateRange());
                text(list, TagFromName.AccessionNumber, q.accessionNumber());
                text(list, TagFromName.StudyDescription, q.studyDescription());
                text(list, TagFromName.ModalitiesInStudy, q.modality());
                text(list, TagFromName.NumberOfStudyRelatedSeries, null);
                text(list, TagFromName.NumberOfStudyRelatedInstances, null);
            } else {
                text(list, TagFromName.SeriesInstanceUID, null);
                text(list, TagFromName.Modality, q.modality());
                text(list, TagFromName.SeriesNumber, null);
                text(list, TagFromName.SeriesDescription, null);
                text(list, TagFromName.NumberOfSeriesRelatedInstances, null);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntax)) {
                list.write(out);
            }
            return bytes.toByteArray();
        } catch (DicomException e) {
            throw new IOException("cannot encode the query: " + e.getMessage(), e);
        }
    }

    /** The identifier of a C-GET or C-MOVE: a study, or one series of it when {@code seriesInstanceUid} is given. */
    public static byte[] retrieve(String studyInstanceUid, String seriesInstanceUid, String transferSyntax) throws IOException {
        try {
            AttributeList list = new AttributeList();
            text(list, TagFromName.QueryRetrieveLevel, seriesInstanceUid == null ? "STUDY" : "SERIES");
            text(list, TagFromName.StudyInstanceUID, studyInstanceUid);
            if (seriesInstanceUid != null) {
                text(list, TagFromName.SeriesInstanceUID, seriesInstanceUid);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntax)) {
                list.write(out);
            }
            return bytes.toByteArray();
        } catch (DicomException e) {
            throw new IOException("cannot encode the retrieve request: " + e.getMessage(), e);
        }
    }

    /**
     * The identifier of an instance-level C-FIND (Study Root, IMAGE): the SOP Instance UIDs of a study,
     * or of one series of it when {@code seriesInstanceUid} is given, each with its series.
     */
    public static byte[] instances(String studyInstanceUid, String seriesInstanceUid, String transferSyntax) throws IOException {
        try {
            AttributeList list = new AttributeList();
            text(list, TagFromName.QueryRetrieveLevel, "IMAGE");
            text(list, TagFromName.StudyInstanceUID, studyInstanceUid);
            text(list, TagFromName.SeriesInstanceUID, seriesInstanceUid);
            text(list, TagFromName.SOPInstanceUID, null);
            return write(list, transferSyntax);
        } catch (DicomException e) {
            throw new IOException("cannot encode the instance query: " + e.getMessage(), e);
        }
    }

    /**
     * The identifier of a C-GET or C-MOVE of some instances of one series (IMAGE level, PS3.4 C.4.3.1.3
     * "list of UID matching": the SOP Instance UIDs as one multi-valued key).
     */
    public static byte[] retrieveInstances(String studyInstanceUid, String seriesInstanceUid, List<String> sopInstanceUids,
                                           String transferSyntax) throws IOException {
        try {
            AttributeList list = new AttributeList();
            text(list, TagFromName.QueryRetrieveLevel, "IMAGE");
            text(list, TagFromName.StudyInstanceUID, studyInstanceUid);
            text(list, TagFromName.SeriesInstanceUID, seriesInstanceUid);
            Attribute sops = com.pixelmed.dicom.AttributeFactory.newAttribute(TagFromName.SOPInstanceUID);
            for (String uid : sopInstanceUids) {
                sops.addValue(uid);
            }
            list.put(sops);
            return write(list, transferSyntax);
        } catch (DicomException e) {
            throw new IOException("cannot encode the retrieve request: " + e.getMessage(), e);
        }
    }

    /** One answer of {@link #instances}: null when it lacks the SOP Instance UID. */
    public static InstanceMatch instance(byte[] identifier, String transferSyntax, String studyInstanceUid) throws IOException {
        AttributeList list = read(identifier, transferSyntax);
        String sop = value(list, TagFromName.SOPInstanceUID);
        String study = value(list, TagFromName.StudyInstanceUID);
        return sop == null ? null : new InstanceMatch(study == null ? studyInstanceUid : study, value(list, TagFromName.SeriesInstanceUID), sop);
    }

    private static byte[] write(AttributeList list, String transferSyntax) throws IOException, DicomException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntax)) {
            list.write(out);
        }
        return bytes.toByteArray();
    }

    /** A PATIENT-level query (Patient Root): patient name and ID as matching keys, the rest returned. */
    public static byte[] patients(StudyQuery q, String transferSyntax) throws IOException {
        try {
            AttributeList list = new AttributeList();
            text(list, TagFromName.QueryRetrieveLevel, "PATIENT");
            text(list, TagFromName.PatientName, q.patientName());
            text(list, TagFromName.PatientID, q.patientId());
            text(list, TagFromName.PatientBirthDate, null);
            text(list, TagFromName.PatientSex, null);
            text(list, TagFromName.NumberOfPatientRelatedStudies, null);
            return write(list, transferSyntax);
        } catch (DicomException e) {
            throw new IOException("cannot encode the query: " + e.getMessage(), e);
        }
    }

    public static org.lumen.network.query.PatientMatch patient(byte[] identifier, String transferSyntax) throws IOException {
        AttributeList list = read(identifier, transferSyntax);
        return new org.lumen.network.query.PatientMatch(value(list, TagFromName.PatientID), value(list, TagFromName.PatientName),
                value(list, TagFromName.PatientBirthDate), value(list, TagFromName.PatientSex),
                number(list, TagFromName.NumberOfPatientRelatedStudies));
    }

    public static StudyMatch study(byte[] identifier, String transferSyntax) throws IOException {
        AttributeList list = read(identifier, transferSyntax);
        String modalities = value(list, TagFromName.ModalitiesInStudy);
        List<String> all = modalities == null ? List.of()
                : Arrays.stream(Attribute.getDelimitedStringValuesOrEmptyString(list, TagFromName.ModalitiesInStudy).split("\\\\"))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new StudyMatch(value(list, TagFromName.StudyInstanceUID), value(list, TagFromName.PatientID),
                value(list, TagFromName.PatientName), value(list, TagFromName.StudyDate), value(list, TagFromName.StudyDescription),
                value(list, TagFromName.AccessionNumber), all, number(list, TagFromName.NumberOfStudyRelatedSeries),
                number(list, TagFromName.NumberOfStudyRelatedInstances));
    }

    public static SeriesMatch series(byte[] identifier, String transferSyntax) throws IOException {
        AttributeList list = read(identifier, transferSyntax);
        return new SeriesMatch(value(list, TagFromName.StudyInstanceUID), value(list, TagFromName.SeriesInstanceUID),
                value(list, TagFromName.Modality), number(list, TagFromName.SeriesNumber), value(list, TagFromName.SeriesDescription),
                number(list, TagFromName.NumberOfSeriesRelatedInstances));
    }

    private static AttributeList read(byte[] identifier, String transferSyntax) throws IOException {
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(identifier), transferSyntax, false)) {
            list.read(in);
        } catch (DicomException e) {
            throw new IOException("the PACS answered with an identifier that cannot be read: " + e.getMessage(), e);
        }
        return list;
    }

    /** Adds a key: with the value as a matching key, empty (a return key) when value is null. */
    private static void text(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        if (value != null && !value.isBlank()) {
            a.addValue(value.strip());
        }
        list.put(a);
    }

    private static String value(AttributeList list, AttributeTag tag) {
        String v = Attribute.getDelimitedStringValuesOrNull(list, tag);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Integer number(AttributeList list, AttributeTag tag) {
        String v = value(list, tag);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
