// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.Map;
import java.util.Objects;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.mask.LabelMask;

/**
 * One segment of a SEG: the mask value it takes its voxels from, its label, its SNOMED CT category
 * and type (Segmented Property Category and Type), how it was made, and its display colour.
 *
 * @param algorithmName the model that made it; required unless the algorithm type is MANUAL
 * @param colour        "#RRGGBB", written as the recommended CIELab display value
 */
public record SegmentDefinition(int maskValue, String label, Code category, Code type, AlgorithmType algorithmType,
                                String algorithmName, String colour) {

    /** SCT 49755003: what a lesion or other finding is, when a class names no anatomy. */
    public static final Code ABNORMAL_STRUCTURE = new Code("SCT", "49755003", "Morphologically abnormal structure");
    /** SCT 91723000: the category of an organ or other normal structure. */
    public static final Code ANATOMICAL_STRUCTURE = new Code("SCT", "91723000", "Anatomical structure");
    /** SCT 85756007: category and type of a class with no code of its own. */
    public static final Code TISSUE = new Code("SCT", "85756007", "Tissue");

    /** Organs that label schemas name, whose category is anatomy rather than a finding. */
    private static final Map<String, String> ANATOMY = Map.of(
            "39607008", "Lung", "10200004", "Liver", "80891009", "Heart", "64033007", "Kidney", "272673000", "Bone",
            "12738006", "Brain", "78961009", "Spleen", "15776009", "Pancreas", "89837001", "Urinary bladder", "181216001", "Entire lung");

    public SegmentDefinition {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(algorithmType, "algorithmType");
        if (maskValue < 1 || maskValue > 255) {
            throw new IllegalArgumentException("segment " + label + ": a mask value is 1-255, not " + maskValue);
        }
        if (algorithmType != AlgorithmType.MANUAL && (algorithmName == null || algorithmName.isBlank())) {
            throw new IllegalArgumentException("segment " + label + " is " + algorithmType + ": the model that made it must be named");
        }
    }

    /**
     * The segment of a catalog label class: its code is the type (category anatomy for organs, a finding
     * otherwise); a class without a code is "Tissue".
     *
     * @throws IllegalArgumentException when the class has no mask value
     */
    public static SegmentDefinition of(LabelClass labelClass, AlgorithmType algorithmType, String algorithmName) {
        if (labelClass.maskValue() == null) {
            throw new IllegalArgumentException("label class " + labelClass.name() + " has no mask value, so it has no voxels to write");
        }
        Code code = labelClass.code();
        Code category;
        Code type;
        if (code == null) {
            category = TISSUE;
            type = TISSUE;
        } else {
            category = "SCT".equals(code.scheme()) && ANATOMY.containsKey(code.value()) ? ANATOMICAL_STRUCTURE : ABNORMAL_STRUCTURE;
            type = code.meaning() == null || code.meaning().isBlank() ? new Code(code.scheme(), code.value(), labelClass.name()) : code;
        }
        return new SegmentDefinition(labelClass.maskValue(), labelClass.name(), category, type, algorithmType, algorithmName,
                labelClass.colour());
    }

    /**
     * The segments of a mask: one per class of {@code classes} whose mask value labels at least one voxel,
     * in mask-value order (classes without a mask value, or without voxels, are left out).
     */
    public static java.util.List<SegmentDefinition> forMask(java.util.List<LabelClass> classes, LabelMask mask,
                                                            AlgorithmType algorithmType, String algorithmName) {
        java.util.SortedSet<Integer> present = mask.labels();
        return classes.stream().filter(c -> c.maskValue() != null && present.contains(c.maskValue()))
                .sorted(java.util.Comparator.comparingInt(LabelClass::maskValue))
                .map(c -> of(c, algorithmType, algorithmName)).toList();
    }
}
