// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

/**
 * One patient an archive knows (a PATIENT-level answer); values the archive does not give are null,
 * and {@code numberOfStudies} null means it did not say.
 */
public record PatientMatch(String patientId, String patientName, String birthDate, String sex, Integer numberOfStudies) { }
