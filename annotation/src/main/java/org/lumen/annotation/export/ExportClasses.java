// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lumen.annotation.catalog.LabelClass;

/**
 * A dataset's mask classes renumbered for trainers: background 0, then 1, 2, … in the order of their
 * mask values, whatever values the catalog gave them (nnU-Net requires consecutive labels).
 */
public final class ExportClasses {

    private final List<LabelClass> classes;
    private final int[] lookup = new int[256];

    public ExportClasses(List<LabelClass> maskClasses) {
        this.classes = maskClasses.stream().filter(c -> c.maskValue() != null)
                .sorted(java.util.Comparator.comparingInt(LabelClass::maskValue)).toList();
        java.util.Arrays.fill(lookup, -1);
        lookup[0] = 0;
        for (int n = 0; n < classes.size(); n++) {
            lookup[classes.get(n).maskValue()] = n + 1;
        }
    }

    /** The classes, in exported order (class n has value n + 1). */
    public List<LabelClass> classes() {
        return classes;
    }

    public boolean isEmpty() {
        return classes.isEmpty();
    }

    /** The exported value of catalog mask value {@code value} (0 stays 0), or -1 when no class has it. */
    public int exported(int value) {
        return lookup[value & 0xFF];
    }

    /** The trainer's label table: background 0, then each class name with its exported value. */
    public Map<String, Integer> labels() {
        Map<String, Integer> labels = new java.util.LinkedHashMap<>();
        labels.put("background", 0);
        for (int n = 0; n < classes.size(); n++) {
            labels.put(classes.get(n).name(), n + 1);
        }
        return labels;
    }

    /** The class names, background first: a manifest's column order. */
    public List<String> names() {
        return new ArrayList<>(labels().keySet());
    }

    /** Counts of each exported value in {@code labels}, keyed by class name (background included). */
    public Map<String, Long> counts(byte[] labels) {
        long[] counts = new long[classes.size() + 1];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        Map<String, Long> named = new java.util.LinkedHashMap<>();
        List<String> names = names();
        for (int n = 0; n < counts.length; n++) {
            named.put(names.get(n), counts[n]);
        }
        return named;
    }
}
