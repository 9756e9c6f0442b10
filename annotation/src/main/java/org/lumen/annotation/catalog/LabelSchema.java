// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A dataset's label schema as an annotator types it: the classes drawn (masks, and boxes, points and
 * lines by the same names) and the classes given to a series or an image, each a comma-separated
 * list. Mask classes get voxel values 1, 2, … and distinct colours in order.
 */
public record LabelSchema(List<String> drawn, List<String> classifications) {

    /** The schema of a dataset made without one: what the phantoms and the demo model are about. */
    public static final LabelSchema DEFAULT = parse("Nodule, Mass, Other", "normal, nodule present, uncertain");

    /** Colours far apart from each other and from grey (Sasha Trubetskoy's list), in order of use. */
    private static final int[] PALETTE = {0xE6194B, 0xF58231, 0x4363D8, 0x3CB44B, 0xFFE119, 0x911EB4, 0x42D4F4, 0xF032E6,
        0xBFEF45, 0xFABED4, 0x469990, 0xDCBEFF, 0x9A6324, 0xFFFAC8, 0x800000, 0xAAFFC3, 0x808000, 0xFFD8B1};

    public LabelSchema {
        drawn = List.copyOf(drawn);
        classifications = List.copyOf(classifications);
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("a label schema needs at least one class to draw");
        }
        if (drawn.size() > 255) {
            throw new IllegalArgumentException("masks hold at most 255 classes, not " + drawn.size());
        }
        Set<String> seen = new HashSet<>();
        for (String name : concat(drawn, classifications)) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the class '" + name + "' is named twice");
            }
        }
    }

    /**
     * Reads two comma-separated lists, e.g. "Nodule, Mass" and "normal, abnormal"; blanks between
     * commas are ignored and the second list may be empty.
     */
    public static LabelSchema parse(String drawn, String classifications) {
        return new LabelSchema(names(drawn), names(classifications));
    }

    /** The colour of the {@code index}-th drawn class (from 0), "#RRGGBB". */
    public static String colour(int index) {
        return String.format(Locale.ROOT, "#%06X", PALETTE[index % PALETTE.length]);
    }

    /** Defines every class in dataset {@code datasetId}: drawn ones as masks with values 1, 2, …, then the classifications. */
    public List<LabelClass> defineIn(LabelClassStore store, long datasetId) {
        List<LabelClass> defined = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            defined.add(store.define(datasetId, drawn.get(i), colour(i), LabelType.MASK, i + 1, null));
        }
        for (int i = 0; i < classifications.size(); i++) {
            defined.add(store.define(datasetId, classifications.get(i), colour(drawn.size() + i), LabelType.CLASSIFICATION, null, null));
        }
        return defined;
    }

    /** As stored in the dataset's description of its schema: "Nodule, Mass, Other; classified as normal, uncertain". */
    public String describe() {
        String text = String.join(", ", drawn);
        return classifications.isEmpty() ? text : text + "; classified as " + String.join(", ", classifications);
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        if (list != null) {
            for (String part : list.split(",")) {
                String name = part.strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(Objects.requireNonNull(a));
        all.addAll(b);
        return all;
    }
}
