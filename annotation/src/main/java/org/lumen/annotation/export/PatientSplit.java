// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Splits cases by patient: every case of a patient lands in the same split, so a model is never
 * tested on a patient it was trained on. Patients are sorted by pseudonym, shuffled with
 * {@code java.util.Random(seed)} (whose sequence the Java specification fixes, so the same seed gives
 * the same split on every JVM), then dealt out: test first, then validation, a patient going into a
 * split while that brings its case count closer to its target; the rest train.
 */
public final class PatientSplit {

    private PatientSplit() { }

    /**
     * @param casesPerPatient how many cases each patient (pseudonym) has
     * @return each patient's split, in pseudonym order
     */
    public static Map<String, Split> assign(Map<String, Integer> casesPerPatient, SplitFractions fractions, long seed) {
        List<String> patients = new ArrayList<>(new TreeMap<>(casesPerPatient).keySet());
        Collections.shuffle(patients, new Random(seed));
        int total = casesPerPatient.values().stream().mapToInt(Integer::intValue).sum();
        int testTarget = SplitFractions.target(fractions.test(), total);
        int validationTarget = SplitFractions.target(fractions.validation(), total);
        int test = 0;
        int validation = 0;
        Map<String, Split> assigned = new TreeMap<>();
        for (String patient : patients) {
            int cases = casesPerPatient.get(patient);
            if (closer(test, cases, testTarget)) {
                assigned.put(patient, Split.TEST);
                test += cases;
            } else if (closer(validation, cases, validationTarget)) {
                assigned.put(patient, Split.VALIDATION);
                validation += cases;
            } else {
                assigned.put(patient, Split.TRAIN);
            }
        }
        return new LinkedHashMap<>(assigned);
    }

    /** Whether adding {@code cases} to {@code count} gets nearer {@code target} (or stays as near, while below it). */
    private static boolean closer(int count, int cases, int target) {
        return count < target && Math.abs(count + cases - target) <= Math.abs(count - target);
    }
}
