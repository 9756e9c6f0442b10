// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

/**
 * One case to export: the series and the mask revision it is made of (for the exporter only, never
 * written out), the case's name (the patient's pseudonym and a number) and its split.
 */
public record CasePlan(String seriesUid, int position, String caseId, String patient, long annotationId, long revisionId, Split split) {

    CasePlan in(Split s) {
        return new CasePlan(seriesUid, position, caseId, patient, annotationId, revisionId, s);
    }
}
