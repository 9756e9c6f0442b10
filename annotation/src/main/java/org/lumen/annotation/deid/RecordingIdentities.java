// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identities that remember every replacement they gave, so a run can record in the catalog which
 * original became which (the site's way back; nothing of it goes out with the files).
 */
public final class RecordingIdentities implements Identities {

    /** A patient as de-identified: the pseudonym, the originals it stands for, and the date shift. */
    public record PatientRecord(Pseudonym pseudonym, String originalId, String originalName, int dayShift) { }

    private final Identities identities;
    private final Map<String, String> uids = new ConcurrentHashMap<>();
    private final Map<String, PatientRecord> patients = new ConcurrentHashMap<>();

    public RecordingIdentities(Identities identities) {
        this.identities = identities;
    }

    @Override
    public String uid(String original) {
        String replacement = identities.uid(original);
        uids.putIfAbsent(replacement, original.trim());
        return replacement;
    }

    @Override
    public Pseudonym patient(String patientId, String patientName) {
        Pseudonym pseudonym = identities.patient(patientId, patientName);
        patients.computeIfAbsent(pseudonym.patientId(), id -> new PatientRecord(pseudonym, blankToNull(patientId), blankToNull(patientName),
                identities.dayShift(patientId, patientName)));
        return pseudonym;
    }

    @Override
    public int dayShift(String patientId, String patientName) {
        return identities.dayShift(patientId, patientName);
    }

    /** Replacement UID → original UID, for every UID replaced so far. */
    public Map<String, String> uids() {
        return new LinkedHashMap<>(uids);
    }

    /** Pseudonym ID → the patient record, for every patient de-identified so far. */
    public Map<String, PatientRecord> patients() {
        return new LinkedHashMap<>(patients);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
