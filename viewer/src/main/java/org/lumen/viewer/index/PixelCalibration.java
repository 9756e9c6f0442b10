// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.util.List;
import java.util.Objects;

/**
 * What an image's pixels measure, as the file says it: the spacing the geometry uses and where it
 * comes from. Images without a spacing in patient or detector millimetres keep a geometry of one
 * unit per pixel; their measurements are then said in pixels, or, for ultrasound, in the millimetres
 * of the region they lie in.
 *
 * @param rowSpacing    mm between rows used for the geometry; null when the file gives none (pixels)
 * @param columnSpacing mm between columns used for the geometry; null when the file gives none
 * @param magnification the Estimated Radiographic Magnification Factor applied, or null
 * @param regions       ultrasound regions (any units), empty for other images
 */
public record PixelCalibration(SpacingSource source, Double rowSpacing, Double columnSpacing, Double magnification,
                               List<UltrasoundRegion> regions) {

    /** No spacing at all: pixels. */
    public static final PixelCalibration NONE = new PixelCalibration(SpacingSource.NONE, null, null, null, List.of());

    public PixelCalibration {
        Objects.requireNonNull(source, "source");
        regions = List.copyOf(regions);
    }

    /** Patient millimetres as an image plane gives them, or none when it has no spacing. */
    public static PixelCalibration ofPlane(ImagePlane plane) {
        return plane == null || plane.rowSpacing() == null || plane.columnSpacing() == null ? NONE
                : new PixelCalibration(SpacingSource.PATIENT, plane.rowSpacing(), plane.columnSpacing(), null, List.of());
    }

    /** True when the geometry itself is in millimetres (patient or detector), so a scale bar and lengths anywhere are mm. */
    public boolean geometryInMillimetres() {
        return source == SpacingSource.PATIENT || source == SpacingSource.DETECTOR
                || source == SpacingSource.DETECTOR_MAGNIFICATION_CORRECTED;
    }

    /** The ultrasound regions whose deltas are lengths. */
    public List<UltrasoundRegion> spatialRegions() {
        return regions.stream().filter(UltrasoundRegion::isSpatial).toList();
    }

    /** A few words for reports: "patient", "detector", "detector, magnification corrected", "ultrasound regions", "none (pixels)". */
    public String describe() {
        return switch (source) {
            case PATIENT -> "patient (Pixel Spacing)";
            case DETECTOR -> "detector (Imager Pixel Spacing)";
            case DETECTOR_MAGNIFICATION_CORRECTED -> "detector corrected for magnification (Imager Pixel Spacing / "
                    + magnification + ")";
            case ULTRASOUND_REGION -> "ultrasound regions (" + spatialRegions().size() + " with physical deltas in cm)";
            case NONE -> "none: measured in pixels";
        };
    }
}
