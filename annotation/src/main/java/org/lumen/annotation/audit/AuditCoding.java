// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.audit;

import org.lumen.annotation.catalog.AuditAction;

/**
 * How each Lumen audit action is told in the standard vocabularies: the DICOM event (PS3.15 A.5.3, codes from
 * DCM) with its action code, and Lumen's own event type code (an implementation-defined code, which the
 * schema allows) that names the action exactly.
 */
record AuditCoding(String eventCode, String eventMeaning, String actionCode, String typeCode, String typeMeaning) {

    static final String DCM = "DCM";
    static final String LUMEN = "Lumen";

    static AuditCoding of(String action) {
        AuditAction known = AuditAction.ofCode(action).orElse(null);
        if (known == null) {
            return new AuditCoding("110103", "DICOM Instances Accessed", "R", action, action);
        }
        return switch (known) {
            case STUDY_OPENED -> accessed("R", known, "Study opened");
            case AI_SHOWN -> accessed("R", known, "AI results shown");
            case AI_RUN -> accessed("E", known, "AI model run");
            case VALIDATION -> accessed("E", known, "Model validation");
            case FINDING_DECIDED -> accessed("U", known, "Decision on an AI finding");
            case LABEL_REVISED -> accessed("U", known, "Label revision");
            case REVIEW -> accessed("U", known, "Review step");
            case EXPORT -> new AuditCoding("110106", "Export", "R", known.code(), "Export");
            case SEND -> new AuditCoding("110104", "DICOM Instances Transferred", "R", known.code(), "Sent to an archive");
            case SETTING_CHANGED -> new AuditCoding("110113", "Security Alert", "E", known.code(), "AI setting changed");
        };
    }

    private static AuditCoding accessed(String actionCode, AuditAction action, String meaning) {
        return new AuditCoding("110103", "DICOM Instances Accessed", actionCode, action.code(), meaning);
    }
}
