// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Where a 2D finding is, as the findings table says it: the image it lies on (its number in the series, laterality and
 * view), its centre in that image's pixels [column, row] (counted from 0 at the top left, as the pixel readout under the
 * cursor counts them), and its box's width × height in the unit the image's measurements are said in (decision 0013):
 * millimetres where the file gives a spacing (at the detector for a radiograph's Imager Pixel Spacing), pixels where it
 * gives none, never millimetres the file does not state.
 *
 * @param image      the image's number in the series, from 1 (its slice + 1, as the study table numbers it)
 * @param laterality Image Laterality or Laterality, null when the file gives none
 * @param view       View Position, null when the file gives none
 * @param centerPx   the box's centre [column, row] in the image's pixels, pixel centres at whole numbers
 * @param width      the box's width (along the rows) in the image's unit
 * @param height     the box's height (down the columns), in the same unit
 */
public record FindingPlace(int rank, int image, String laterality, String view, double[] centerPx, MeasurementUnits.Quantity width,
                           MeasurementUnits.Quantity height) {

    public FindingPlace {
        centerPx = centerPx.clone();
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
        if (centerPx.length != 2) {
            throw new IllegalArgumentException("a 2D finding's centre is [column, row]");
        }
        if (!width.unit().equals(height.unit())) {
            throw new IllegalArgumentException("a box's width and height share a unit, got " + width.unit() + " and " + height.unit());
        }
    }

    @Override
    public double[] centerPx() { return centerPx.clone(); }

    /**
     * A finding on slice {@code slice} of a series, its box measured as a ruler on that image would measure it: the box's
     * middle line across and down, through the image's units. Where the two would be said in different units (an
     * ultrasound box whose width lies inside a calibrated region and whose height leaves it), both are given in pixels.
     *
     * @param units how the image's measurements are said (its calibration over the series' geometry)
     */
    public static FindingPlace of(int rank, ImageFinding finding, ImageFacts facts, int slice, VolumeGeometry series, MeasurementUnits units) {
        double[] c = finding.centerPx();
        double[] b = finding.boxPx();
        MeasurementUnits.Quantity w = units.length(series.toPatient(b[0], c[1], slice), series.toPatient(b[2], c[1], slice));
        MeasurementUnits.Quantity h = units.length(series.toPatient(c[0], b[1], slice), series.toPatient(c[0], b[3], slice));
        if (!w.unit().equals(h.unit())) {
            w = new MeasurementUnits.Quantity(b[2] - b[0], "px");
            h = new MeasurementUnits.Quantity(b[3] - b[1], "px");
        }
        return new FindingPlace(rank, slice + 1, facts.laterality(), facts.viewPosition(), c, w, h);
    }

    /** Laterality and view as the file gives them ("L CC", "R", "MLO"), empty when it gives neither. */
    public String where() {
        return ((laterality == null ? "" : laterality.strip()) + " " + (view == null ? "" : view.strip())).strip();
    }

    /** The image's number with its laterality and view where the file gives them: "2 L CC", "1 R", "3". */
    public String imageText() {
        return where().isEmpty() ? String.valueOf(image) : image + " " + where();
    }

    /**
     * What tells a reader which image each finding is on, as short as it can be, by image number: the laterality and view
     * alone when they tell the images apart ("R CC", "L MLO"), else the number with them ("2 L CC", "3"); empty when
     * every finding is on one image the file names no laterality or view for (there is nothing to tell).
     */
    public static Map<Integer, String> imageNames(List<FindingPlace> places) {
        Map<Integer, String> where = new TreeMap<>();
        places.forEach(p -> where.putIfAbsent(p.image(), p.where()));
        if (where.size() <= 1 && where.values().stream().allMatch(String::isEmpty)) {
            return Map.of();
        }
        boolean distinct = where.values().stream().noneMatch(String::isEmpty) && new HashSet<>(where.values()).size() == where.size();
        Map<Integer, String> names = new TreeMap<>();
        places.forEach(p -> names.putIfAbsent(p.image(), distinct ? p.where() : p.imageText()));
        return names;
    }

    /** The centre as the pixel readout shows a pixel: "[1234, 567]". */
    public String centreText() {
        return String.format(Locale.ROOT, "[%d, %d]", Math.round(centerPx[0]), Math.round(centerPx[1]));
    }

    /** The size's unit: "mm", "mm (detector)", "mm (magnification corrected)" or "px". */
    public String sizeUnit() {
        return width.unit();
    }

    /**
     * Width × height without the unit: "14 × 10" in pixels; in millimetres one decimal from 1 mm up and two below, so a
     * microaneurysm of a few fundus pixels reads "0.05 × 0.06", not "0.1 × 0.1" or "0.0 × 0.0".
     */
    public String sizeText() {
        return number(width.value()) + " × " + number(height.value());
    }

    private String number(double v) {
        String f = sizeUnit().equals("px") ? "%.0f" : Math.abs(v) < 0.995 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, f, v);
    }
}
