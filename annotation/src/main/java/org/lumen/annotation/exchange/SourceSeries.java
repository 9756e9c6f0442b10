// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The series a label mask was drawn on, as a SEG or SR must reference it: slice k of the mask lies
 * on {@code slices.get(k)}; all slices share the row and column directions and pixel spacing.
 * {@code headerFile} is one of its files, from which patient and study attributes are copied.
 *
 * @param rowSpacing    mm between adjacent rows (first value of Pixel Spacing)
 * @param columnSpacing mm between adjacent columns (second value of Pixel Spacing)
 * @param sliceThickness the nominal slice thickness (mm), or null when the files do not say it
 */
public record SourceSeries(Path headerFile, String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
                           int rows, int columns, Vec3 rowDirection, Vec3 columnDirection, double rowSpacing,
                           double columnSpacing, Double sliceThickness, double sliceSpacing, List<SourceImage> slices) {

    public SourceSeries {
        Objects.requireNonNull(headerFile, "headerFile");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        slices = List.copyOf(slices);
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("series " + seriesInstanceUid + " has no slices to reference");
        }
    }

    /**
     * The series of a stack plan (the order in which Lumen loads it, the order of a mask's slices).
     *
     * @throws IllegalArgumentException when the plan is not a volume in patient space, or has no frame of reference
     */
    /**
     * Why a SEG or SR cannot be placed on {@code plan}'s series (a sentence naming it), or null when it can: its frames
     * must be parallel slices with positions, sharing a Frame of Reference.
     */
    public static String whyNotPlaceable(StackPlan plan) {
        if (!plan.isVolume()) {
            return "series " + plan.seriesUid() + " is not a volume (its frames are not parallel slices with positions),"
                    + " so a segmentation cannot be placed on it";
        }
        String frameOfReference = plan.frames().getFirst().instance().series().frameOfReferenceUid();
        if (frameOfReference == null || frameOfReference.isBlank()) {
            return "series " + plan.seriesUid() + " has no Frame of Reference UID, which a SEG must share";
        }
        return null;
    }

    public static SourceSeries of(StackPlan plan) {
        String unplaceable = whyNotPlaceable(plan);
        if (unplaceable != null) {
            throw new IllegalArgumentException(unplaceable);
        }
        FrameRef first = plan.frames().getFirst();
        String frameOfReference = first.instance().series().frameOfReferenceUid();
        List<SourceImage> slices = new ArrayList<>();
        for (FrameRef frame : plan.frames()) {
            int frameNumber = frame.instance().frames() > 1 ? frame.frame() + 1 : 0;
            slices.add(new SourceImage(frame.instance().sopClassUid(), frame.instance().sopInstanceUid(), frameNumber,
                    frame.plane().position()));
        }
        VolumeGeometry g = plan.geometry();
        ImagePlane plane = first.plane();
        double spacing = g.slices() > 1 ? g.sliceSpacing() : (plane.sliceThickness() == null ? 1 : plane.sliceThickness());
        return new SourceSeries(first.instance().file(), first.instance().study().studyInstanceUid(), plan.seriesUid(),
                frameOfReference, g.rows(), g.columns(), g.rowDirection(), g.columnDirection(), g.rowSpacing(), g.columnSpacing(),
                plane.sliceThickness(), spacing, slices);
    }
}
