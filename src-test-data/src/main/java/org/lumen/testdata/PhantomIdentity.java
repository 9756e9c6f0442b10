// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Locale;
import org.lumen.viewer.dicom.DicomUids;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;

/**
 * The DICOM identity of a phantom: patient, study and UIDs, all derived from the phantom's kind and
 * spec, so the same spec always gives the same UIDs and different specs never share one.
 */
final class PhantomIdentity {

    /** A fixed date and time keep files byte-identical from run to run. */
    private static final String STUDY_DATE = "20240101";
    private static final String STUDY_TIME = "120000";

    private final String key;
    private final String kind;
    private final long seed;

    /**
     * @param kind short name of the phantom ("chest-ct", "head-mr", ...)
     * @param spec the spec; its string form (a record's) names every parameter
     */
    PhantomIdentity(String kind, long seed, Object spec) {
        this.kind = kind;
        this.seed = seed;
        this.key = "lumen-phantom/" + kind + "/" + spec;
    }

    PatientInfo patient(String bodyPart) {
        return new PatientInfo("PHANTOM^" + bodyPart, "LUMEN-PHANTOM-" + seed, "19700101", "O");
    }

    StudyInfo study(String description) {
        String accession = ("PH" + Integer.toHexString(key.hashCode())).toUpperCase(Locale.ROOT);
        return new StudyInfo(studyInstanceUid(), STUDY_DATE, STUDY_TIME, description, accession, "1");
    }

    String studyInstanceUid() { return uid("study"); }

    String seriesInstanceUid() { return uid("series"); }

    String frameOfReferenceUid() { return uid("frame-of-reference"); }

    /** The localizer's series and instance, in the same study and frame of reference as the phantom. */
    String scoutSeriesInstanceUid() { return uid("scout-series"); }

    String scoutSopInstanceUid() { return uid("scout-instance"); }

    /** The SOP Instance UID of image {@code index} (slice index, or 0 for a multi-frame image). */
    String sopInstanceUid(int index) { return uid("instance/" + index); }

    String kind() { return kind; }

    private String uid(String role) {
        return DicomUids.fromName(key + "/" + role);
    }
}
