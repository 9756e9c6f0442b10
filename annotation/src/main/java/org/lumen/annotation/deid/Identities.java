// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

/**
 * The replacements that must be the same wherever an original appears, in one export and in later
 * ones: UIDs (so studies, series, SEG and SR references stay linked), the patient's pseudonym and
 * the patient's date shift (so intervals between a patient's studies are kept).
 */
public interface Identities {

    /** The UID that replaces {@code original}; the same original always gives the same UID. */
    String uid(String original);

    /** The pseudonym of the patient with this ID (and, where the ID is empty, this name). */
    Pseudonym patient(String patientId, String patientName);

    /** Days (negative) added to every date of this patient when dates are shifted. */
    int dayShift(String patientId, String patientName);
}
