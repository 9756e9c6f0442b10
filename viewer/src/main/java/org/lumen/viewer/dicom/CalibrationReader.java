// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lumen.viewer.index.PixelCalibration;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.index.UltrasoundRegion;

/**
 * Decides what an image's pixels measure, following PS3.3: Pixel Spacing is in the patient;
 * a projection radiograph's Imager Pixel Spacing is at the detector, corrected by the Estimated
 * Radiographic Magnification Factor where the file gives one, and a Pixel Spacing equal to it is the
 * same uncalibrated detector spacing (10.7.1.3); ultrasound measures per region (C.8.5.5); anything
 * else is pixels. Nothing here guesses a millimetre the file does not state.
 */
final class CalibrationReader {

    /** Projection radiography modalities, whose Imager Pixel Spacing is at the detector plane. */
    private static final Set<String> PROJECTION_MODALITIES = Set.of("CR", "DX", "MG", "RF", "XA", "IO", "PX", "RG");
    /** Relative difference under which two spacings are the same value written twice. */
    private static final double SAME = 1e-4;

    private CalibrationReader() { }

    static PixelCalibration read(HeaderValues v, String modality) {
        double[] pixel = spacing(v.doubles(Tags.PIXEL_SPACING));
        double[] imager = spacing(v.doubles(Tags.IMAGER_PIXEL_SPACING));
        boolean projection = modality != null && PROJECTION_MODALITIES.contains(modality);
        if (imager != null && (projection || pixel == null)) {
            boolean calibrated = pixel != null && (!same(pixel, imager) || v.has(Tags.PIXEL_SPACING_CALIBRATION_TYPE));
            if (calibrated) {
                return patient(pixel); // the file corrected Pixel Spacing itself (geometry or fiducial)
            }
            Double factor = v.decimal(Tags.ESTIMATED_RADIOGRAPHIC_MAGNIFICATION_FACTOR);
            if (factor != null && factor >= 1 && factor < 10) {
                return new PixelCalibration(SpacingSource.DETECTOR_MAGNIFICATION_CORRECTED, imager[0] / factor,
                        imager[1] / factor, factor, List.of());
            }
            return new PixelCalibration(SpacingSource.DETECTOR, imager[0], imager[1], null, List.of());
        }
        if (pixel != null) {
            return patient(pixel);
        }
        List<UltrasoundRegion> regions = regions(v);
        if (regions.stream().anyMatch(UltrasoundRegion::isSpatial)) {
            return new PixelCalibration(SpacingSource.ULTRASOUND_REGION, null, null, null, regions);
        }
        return PixelCalibration.NONE;
    }

    /** The spacing values in (row, column) order as a plane wants them; empty when the calibration has none. */
    static double[] planeSpacing(PixelCalibration calibration) {
        return calibration.rowSpacing() == null ? new double[0]
                : new double[] {calibration.rowSpacing(), calibration.columnSpacing()};
    }

    private static PixelCalibration patient(double[] pixel) {
        return new PixelCalibration(SpacingSource.PATIENT, pixel[0], pixel[1], null, List.of());
    }

    private static double[] spacing(double[] values) {
        return values.length >= 2 && values[0] > 0 && values[1] > 0 ? values : null;
    }

    private static boolean same(double[] a, double[] b) {
        return Math.abs(a[0] - b[0]) <= SAME * b[0] && Math.abs(a[1] - b[1]) <= SAME * b[1];
    }

    private static List<UltrasoundRegion> regions(HeaderValues v) {
        int count = v.itemCount(Tags.SEQUENCE_OF_ULTRASOUND_REGIONS);
        List<UltrasoundRegion> regions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            HeaderValues item = v.item(Tags.SEQUENCE_OF_ULTRASOUND_REGIONS, i);
            Integer minX = item.integer(Tags.REGION_LOCATION_MIN_X0);
            Integer minY = item.integer(Tags.REGION_LOCATION_MIN_Y0);
            Integer maxX = item.integer(Tags.REGION_LOCATION_MAX_X1);
            Integer maxY = item.integer(Tags.REGION_LOCATION_MAX_Y1);
            Double dx = item.decimal(Tags.PHYSICAL_DELTA_X);
            Double dy = item.decimal(Tags.PHYSICAL_DELTA_Y);
            if (minX == null || minY == null || maxX == null || maxY == null || dx == null || dy == null
                    || maxX < minX || maxY < minY) {
                continue; // a region without bounds or deltas cannot scale anything
            }
            regions.add(new UltrasoundRegion(minX, minY, maxX, maxY, item.intOr(Tags.PHYSICAL_UNITS_X_DIRECTION, 0),
                    item.intOr(Tags.PHYSICAL_UNITS_Y_DIRECTION, 0), Math.abs(dx), Math.abs(dy)));
        }
        return regions;
    }
}
