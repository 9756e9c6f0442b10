// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.List;

/**
 * The fundus phantom's severity grade, derived from its lesion counts by a stated rule (a simplified, count-only
 * reading of the International Clinical Diabetic Retinopathy scale; the real scale also weighs venous beading, IRMA and
 * where the haemorrhages lie). It is the rule the fundus demonstration model's card declares
 * ({@code ImageDemoModels.FUNDUS_GRADE} in ai-assist), so the phantom's grade and the model's can be compared:
 * <ul>
 *   <li>3 severe: {@value #SEVERE_HAEMORRHAGES} or more haemorrhages;</li>
 *   <li>2 moderate: any haemorrhage or exudate, or {@value #MODERATE_MICROANEURYSMS} or more microaneurysms;</li>
 *   <li>1 mild: any microaneurysm;</li>
 *   <li>0 none: no lesion.</li>
 * </ul>
 * A patient's (study's) grade is the worse eye's. The generator keeps margins so that a detector that misses or adds a
 * few lesions still grades right: mild eyes have at most {@value #MAX_MILD_MICROANEURYSMS} microaneurysms, moderate
 * eyes at most {@value #MAX_MODERATE_HAEMORRHAGES} haemorrhages, severe eyes at least {@value #SEVERE_HAEMORRHAGES} + 3.
 */
public final class FundusGrade {

    public static final int SEVERE_HAEMORRHAGES = 8;
    public static final int MODERATE_MICROANEURYSMS = 5;
    public static final int MAX_MILD_MICROANEURYSMS = 3;
    public static final int MAX_MODERATE_HAEMORRHAGES = 4;
    public static final List<String> NAMES = List.of("none", "mild", "moderate", "severe");
    public static final String RULE = "3 severe: " + SEVERE_HAEMORRHAGES + " or more haemorrhages; 2 moderate: any haemorrhage"
            + " or exudate, or " + MODERATE_MICROANEURYSMS + " or more microaneurysms; 1 mild: any microaneurysm; 0 none: no lesion;"
            + " the study's grade is the worse eye's";

    private FundusGrade() { }

    /** The grade of one eye with these lesion counts. */
    public static int of(int microaneurysms, int haemorrhages, int exudates) {
        if (microaneurysms < 0 || haemorrhages < 0 || exudates < 0) {
            throw new IllegalArgumentException("lesion counts cannot be negative");
        }
        if (haemorrhages >= SEVERE_HAEMORRHAGES) {
            return 3;
        }
        if (haemorrhages > 0 || exudates > 0 || microaneurysms >= MODERATE_MICROANEURYSMS) {
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
