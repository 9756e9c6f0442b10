// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checkable part of a model card's intended use ({@code intendedUseCriteria} in model.json):
 * which series the model is meant for. Lumen checks a series against it before every run
 * ({@link IntendedUseCheck}). A criterion the card leaves out constrains nothing, and the card view
 * says so.
 *
 * @param modalities      DICOM modality codes ("CT"); empty: any
 * @param bodyParts       body regions; empty: any
 * @param sliceThickness  allowed slice thickness in mm, or null
 * @param sliceSpacing    allowed distance between slice centres in mm, or null
 * @param regularVolume   true when the slices must form a regular volume (equal spacing, one line of positions)
 * @param valueRange      the range of modality values the input should cover (HU for CT), or null
 * @param sopClasses      SOP Class UIDs of the images a 2D model accepts; empty: any
 * @param views           View Position values (CC, MLO, PA, AP…) a 2D model accepts; empty: any
 * @param lateralities    image lateralities (L, R) a 2D model accepts; empty: any
 */
public record IntendedUse(List<String> modalities, Set<BodyRegion> bodyParts, Limits sliceThickness, Limits sliceSpacing,
                          boolean regularVolume, ValueRange valueRange, List<String> sopClasses, List<String> views,
                          List<String> lateralities) {

    /** A card with no criteria: nothing is checked. */
    public static final IntendedUse UNDECLARED = new IntendedUse(List.of(), Set.of(), null, null, false, null);

    public IntendedUse {
        modalities = modalities.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList();
        bodyParts = bodyParts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bodyParts));
        sopClasses = sopClasses == null ? List.of() : sopClasses.stream().map(String::strip).toList();
        views = views == null ? List.of() : views.stream().map(v -> v.strip().toUpperCase(Locale.ROOT)).toList();
        lateralities = lateralities == null ? List.of() : lateralities.stream().map(v -> v.strip().toUpperCase(Locale.ROOT)).toList();
    }

    /** The criteria of a volume model (no image criteria). */
    public IntendedUse(List<String> modalities, Set<BodyRegion> bodyParts, Limits sliceThickness, Limits sliceSpacing,
                       boolean regularVolume, ValueRange valueRange) {
        this(modalities, bodyParts, sliceThickness, sliceSpacing, regularVolume, valueRange, List.of(), List.of(), List.of());
    }

    /** Whether the card declares any criterion at all. */
    public boolean declared() {
        return !modalities.isEmpty() || !bodyParts.isEmpty() || sliceThickness != null || sliceSpacing != null || regularVolume
                || valueRange != null || !sopClasses.isEmpty() || !views.isEmpty() || !lateralities.isEmpty();
    }

    /**
     * A closed interval in mm; either end may be open (NaN).
     */
    public record Limits(double min, double max) {

        public Limits {
            if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
                throw new IllegalArgumentException("min " + min + " is above max " + max);
            }
        }

        public boolean contains(double v) {
            return (Double.isNaN(min) || v >= min - 1e-6) && (Double.isNaN(max) || v <= max + 1e-6);
        }

        public String describe() {
            if (Double.isNaN(min)) {
                return "at most " + mm(max);
            }
            if (Double.isNaN(max)) {
                return "at least " + mm(min);
            }
            return num(min) + "–" + mm(max);
        }
    }

    /**
     * The modality values the model's input is meant to cover, e.g. -1024 to 3071 HU. A series fits
     * when (1) its 1st and 99th percentiles lie within the range widened by {@link #TOLERANCE} of its
     * span on each side, and (2) its 1st percentile lies within the lowest {@link #REACH} of the range:
     * for CT, air at about -1000 HU must be there, which stored values that were never rescaled to HU
     * lack. One constant value at the series' minimum, below the range, covering at least
     * {@link #PADDING_FRACTION} of the voxels, is taken for padding outside the scanned field and left out.
     */
    public record ValueRange(double low, double high, String unit) {

        public static final double TOLERANCE = 0.05;
        public static final double REACH = 0.10;
        public static final double PADDING_FRACTION = 0.02;

        public ValueRange {
            if (!(low < high)) {
                throw new IllegalArgumentException("the value range's low must be below its high, was " + low + " to " + high);
            }
            unit = unit == null ? "" : unit;
        }

        public double span() { return high - low; }

        public String describe() {
            return num(low) + " to " + num(high) + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    /** One line per criterion, declared or not: what the card view shows. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Modality: " + (modalities.isEmpty() ? "not constrained by the card" : String.join(", ", modalities)));
        lines.add("Body part: " + (bodyParts.isEmpty() ? "not constrained by the card"
                : bodyParts.stream().sorted().map(BodyRegion::label).collect(Collectors.joining(", "))));
        lines.add("Slice thickness: " + (sliceThickness == null ? "not constrained by the card" : sliceThickness.describe()));
        lines.add("Slice spacing: " + (sliceSpacing == null ? "not constrained by the card" : sliceSpacing.describe()));
        lines.add("Regular volume: " + (regularVolume ? "required" : "not required by the card"));
        lines.add("Value range: " + (valueRange == null ? "not constrained by the card" : valueRange.describe()));
        if (!sopClasses.isEmpty() || !views.isEmpty() || !lateralities.isEmpty()) {
            lines.add("SOP class: " + (sopClasses.isEmpty() ? "not constrained by the card" : String.join(", ", sopClasses)));
            lines.add("View: " + (views.isEmpty() ? "not constrained by the card" : String.join(", ", views)));
            lines.add("Laterality: " + (lateralities.isEmpty() ? "not constrained by the card" : String.join(", ", lateralities)));
        }
        return lines;
    }

    static String mm(double v) {
        return num(v) + " mm";
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v)
                .replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
