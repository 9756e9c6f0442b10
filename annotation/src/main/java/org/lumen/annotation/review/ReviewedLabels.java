// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * What one annotation of a case holds now (its head revision), ready to be shown read-only over the
 * series for review: a mask with its grid, or boxes, points and lines, or classifications; with the
 * colours of the dataset's classes, by mask value and by name.
 *
 * @param mask     the mask, or null for other kinds
 * @param geometry the mask's grid, or null
 */
public record ReviewedLabels(CaseReview.Item item, LabelMask mask, VolumeGeometry geometry, List<VectorLabel> vectors,
                             List<ClassificationLabel> classifications, Map<Integer, Integer> maskColours,
                             Map<String, Integer> classColours) {

    public ReviewedLabels {
        vectors = List.copyOf(vectors);
        classifications = List.copyOf(classifications);
        maskColours = Map.copyOf(maskColours);
        classColours = Map.copyOf(classColours);
    }

    /**
     * Reads the head of {@code item}'s annotation and the colours of dataset {@code datasetId}'s classes.
     *
     * @throws IllegalStateException when the annotation has nothing saved yet
     */
    public static ReviewedLabels load(Catalog catalog, long datasetId, CaseReview.Item item) {
        Long head = item.annotation().headRevisionId();
        if (head == null) {
            throw new IllegalStateException(item.describe() + " has nothing saved yet");
        }
        Map<Integer, Integer> byValue = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (LabelClass c : catalog.labelClasses().of(datasetId)) {
            int rgb = Integer.parseInt(c.colour().substring(1), 16);
            byName.put(c.name(), rgb);
            if (c.maskValue() != null) {
                byValue.put(c.maskValue(), rgb);
            }
        }
        var payload = catalog.annotations().revision(head)
                .orElseThrow(() -> new IllegalStateException(item.describe() + "'s head revision " + head + " is missing")).payload();
        return switch (payload) {
            case MaskPayload m -> new ReviewedLabels(item, m.mask(), m.geometry(), List.of(), List.of(), byValue, byName);
            case VectorPayload v -> new ReviewedLabels(item, null, null, v.labels(), List.of(), byValue, byName);
            case ClassificationPayload c -> new ReviewedLabels(item, null, null, List.of(), c.labels(), byValue, byName);
        };
    }

    /** One line for the panel: what is shown, or what the classifications say. */
    public String describe() {
        if (mask != null) {
            return "Showing " + item.describe() + " over the series (outlined).";
        }
        if (!vectors.isEmpty()) {
            return "Showing " + vectors.size() + (vectors.size() == 1 ? " shape" : " shapes") + " of " + item.describe() + ".";
        }
        if (!classifications.isEmpty()) {
            return item.describe() + ": " + String.join("; ", classifications.stream().map(c -> (c.isSeriesLevel() ? "series" : "image "
                    + c.sopInstanceUid() + (c.frame() > 0 ? " frame " + c.frame() : "")) + " → " + c.labelClass()).toList()) + ".";
        }
        return item.describe() + " is empty.";
    }
}
