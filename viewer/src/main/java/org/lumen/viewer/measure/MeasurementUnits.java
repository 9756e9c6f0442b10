// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.PixelCalibration;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.index.UltrasoundRegion;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * How the measurements of one series are said: in patient millimetres, in millimetres at the
 * detector (with or without magnification correction), in the millimetres of the ultrasound region
 * a measurement lies in, or in pixels. Measurements stay in the series' geometry units (patient mm,
 * or one unit per pixel where the file gives no spacing); this class only turns them into a value
 * with an honest unit.
 */
public final class MeasurementUnits {

    /** A number and the unit it is in, e.g. 42.3 "mm (detector)". */
    public record Quantity(double value, String unit) { }

    /**
     * What a scale bar may say: {@code perGeometryUnit} of its unit per geometry unit.
     *
     * @param unit e.g. "mm" or "mm (detector)"
     */
    public record Scale(double perGeometryUnit, String unit) { }

    /** Patient millimetres: what every CT, MR and PET with Pixel Spacing has. */
    public static final MeasurementUnits PATIENT_MM = new MeasurementUnits(
            new PixelCalibration(SpacingSource.PATIENT, 1.0, 1.0, null, List.of()), null);

    private static final double SAME_DELTA = 1e-6;

    private final PixelCalibration calibration;
    private final VolumeGeometry geometry;

    private MeasurementUnits(PixelCalibration calibration, VolumeGeometry geometry) {
        this.calibration = calibration;
        this.geometry = geometry;
    }

    /** The units of a series with this calibration and geometry (the geometry maps points to pixels). */
    public static MeasurementUnits of(PixelCalibration calibration, VolumeGeometry geometry) {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(geometry, "geometry");
        return new MeasurementUnits(calibration, geometry);
    }

    public SpacingSource source() {
        return calibration.source();
    }

    /** The distance between two points of the series' geometry. */
    public Quantity length(Vec3 a, Vec3 b) {
        if (calibration.geometryInMillimetres()) {
            return new Quantity(a.distance(b), "mm" + calibration.source().qualifier());
        }
        double[] p = geometry.toVoxel(a);
        double[] q = geometry.toVoxel(b);
        double di = q[0] - p[0];
        double dj = q[1] - p[1];
        Optional<UltrasoundRegion> region = regionContaining(List.of(p, q));
        if (region.isPresent()) {
            return new Quantity(Math.hypot(di * region.get().mmPerColumn(), dj * region.get().mmPerRow()), "mm");
        }
        return new Quantity(Math.hypot(di, dj), "px");
    }

    /** The area of an ROI drawn on the series. */
    public Quantity area(ShapeRoi roi) {
        if (calibration.geometryInMillimetres()) {
            return new Quantity(roi.areaMm2(), "mm²" + calibration.source().qualifier());
        }
        // A linear map scales every area by the same factor, whatever the ROI's rotation in the plane.
        double pixels = roi.areaMm2() / (geometry.columnSpacing() * geometry.rowSpacing());
        Optional<UltrasoundRegion> region = regionContaining(roi.corners().stream().map(geometry::toVoxel).toList());
        if (region.isPresent()) {
            return new Quantity(pixels * region.get().mmPerColumn() * region.get().mmPerRow(), "mm²");
        }
        return new Quantity(pixels, "px²");
    }

    /**
     * The scale a bar over the whole image may show: the geometry's millimetres, or the ultrasound
     * regions' when they all share one square pixel size; empty when the image has only pixels.
     */
    public Optional<Scale> scale() {
        if (calibration.geometryInMillimetres()) {
            return Optional.of(new Scale(1, "mm" + calibration.source().qualifier()));
        }
        List<UltrasoundRegion> regions = calibration.spatialRegions();
        if (regions.isEmpty() || geometry == null) {
            return Optional.empty();
        }
        double mm = regions.getFirst().mmPerColumn();
        for (UltrasoundRegion r : regions) {
            if (Math.abs(r.mmPerColumn() - mm) > SAME_DELTA * mm || Math.abs(r.mmPerRow() - mm) > SAME_DELTA * mm) {
                return Optional.empty();
            }
        }
        return Optional.of(new Scale(mm / geometry.columnSpacing(), "mm"));
    }

    /** The spatial ultrasound region that holds every pixel position (column, row) given. */
    private Optional<UltrasoundRegion> regionContaining(List<double[]> voxels) {
        for (UltrasoundRegion region : calibration.spatialRegions()) {
            if (voxels.stream().allMatch(v -> region.contains(v[0], v[1]))) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }
}
