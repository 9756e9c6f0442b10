// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.List;

/**
 * The fundus phantom's severity grade, derived from its lesion counts by a stated rule (a simplified, count-only
 * reading of the International Clinical Diabetic Retinopathy scale; the real scale also weighs venous beading, IRMA and
 * where the haemorrhages lie):
 * <ul>
 *   <li>0 none: no lesion;</li>
 *   <li>1 mild: microaneurysms only;</li>
 *   <li>2 moderate: any haemorrhage or exudate, and fewer than {@value #SEVERE_HAEMORRHAGES} haemorrhages;</li>
 *   <li>3 severe: {@value #SEVERE_HAEMORRHAGES} or more haemorrhages.</li>
 * </ul>
 * A patient's (study's) grade is the worse eye's. The generator keeps moderate eyes at most
 * {@value #MAX_MODERATE_HAEMORRHAGES} haemorrhages, so a detector that misses a few still grades them right.
 */
public final class FundusGrade {

    public static final int SEVERE_HAEMORRHAGES = 10;
    public static final int MAX_MODERATE_HAEMORRHAGES = 6;
    public static final List<String> NAMES = List.of("none", "mild", "moderate", "severe");
    public static final String RULE = "0 none: no lesion; 1 mild: microaneurysms only; 2 moderate: any haemorrhage or exudate"
            + " and fewer than " + SEVERE_HAEMORRHAGES + " haemorrhages; 3 severe: " + SEVERE_HAEMORRHAGES
            + " or more haemorrhages; the study's grade is the worse eye's";

    private FundusGrade() { }

    /** The grade of one eye with these lesion counts. */
    public static int of(int microaneurysms, int haemorrhages, int exudates) {
        if (microaneurysms < 0 || haemorrhages < 0 || exudates < 0) {
            throw new IllegalArgumentException("lesion counts cannot be negative");
        }
        if (haemorrhages >= SEVERE_HAEMORRHAGES) {
            return 3;
        }
        if (haemorrhages > 0 || exudates > 0) {
            return 2;
        }
        return microaneurysms > 0 ? 1 : 0;
    }

    /** The grade of one eye from its lesions. */
    public static int of(List<PlanarLesion> lesions) {
        return of(count(lesions, PlanarLesion.MICROANEURYSM), count(lesions, PlanarLesion.HAEMORRHAGE),
                count(lesions, PlanarLesion.EXUDATE));
    }

    private static int count(List<PlanarLesion> lesions, String kind) {
        return (int) lesions.stream().filter(l -> l.kind().equals(kind)).count();
    }
}
