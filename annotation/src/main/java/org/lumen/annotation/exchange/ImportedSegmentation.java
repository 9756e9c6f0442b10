// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;

/**
 * A DICOM Segmentation read from a file (Lumen's or another tool's): its segments and frames, and
 * where they go. {@link #labelsOn} places the frames on the referenced series' grid, matched by
 * plane position (or by the source instance a frame names); a voxel takes the number of the last
 * segment that covers it, so overlapping segments keep the higher number.
 *
 * @param type               BINARY or FRACTIONAL
 * @param maxFractionalValue for FRACTIONAL, the value that means 1.0 (a voxel is in the segment from half of it); 1 for BINARY
 * @param rowDirection       the frames' row direction (null when the file gives no orientation)
 */
public record ImportedSegmentation(String sopInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
                                   String referencedSeriesUid, String type, int maxFractionalValue, int rows, int columns,
                                   Vec3 rowDirection, Vec3 columnDirection, List<ImportedSegment> segments,
                                   List<SegmentFrame> frames) {

    public ImportedSegmentation {
        segments = List.copyOf(segments);
        frames = List.copyOf(frames);
    }

    /** The segment with this number. */
    public Optional<ImportedSegment> segment(int number) {
        return segments.stream().filter(s -> s.number() == number).findFirst();
    }

    /** Where the frames landed: the label volume (voxel = segment number) and the frames that fit no slice. */
    public record Placement(LabelMask labels, int placedFrames, int unplacedFrames) { }

    /**
     * The segments on a series' grid: slice k lies at {@code slicePositions.get(k)} (or is source instance
     * {@code sliceInstances.get(k)}); a frame goes to the slice within {@code toleranceMm} of its position.
     *
     * @throws IllegalArgumentException when the series' rows and columns differ from the frames'
     */
    public Placement labelsOn(int seriesRows, int seriesColumns, List<Vec3> slicePositions, List<String> sliceInstances,
                              double toleranceMm) {
        if (seriesRows != rows || seriesColumns != columns) {
            throw new IllegalArgumentException("the segmentation's frames are " + columns + "x" + rows + " but the series' slices are "
                    + seriesColumns + "x" + seriesRows);
        }
        LabelMask labels = new LabelMask(columns, rows, slicePositions.size());
        int placed = 0;
        int unplaced = 0;
        int threshold = Math.max(1, (maxFractionalValue + 1) / 2);
        for (SegmentFrame frame : frames) {
            int k = sliceOf(frame, slicePositions, sliceInstances, toleranceMm);
            if (k < 0 || frame.segmentNumber() < 1 || frame.segmentNumber() > 255) {
                // No slice for it, or a segment number a label volume cannot hold (SEGs of more than 255 segments).
                unplaced++;
                continue;
            }
            placed++;
            byte[] pixels = frame.pixels();
            for (int v = 0; v < pixels.length; v++) {
                if ((pixels[v] & 0xFF) >= threshold) {
                    labels.set(v % columns, v / columns, k, frame.segmentNumber());
                }
            }
        }
        return new Placement(labels, placed, unplaced);
    }

    /** The segments on their own grid: one slice per distinct frame position, in order along the frames' normal. */
    public Placement labelsOnOwnGrid() {
        List<Vec3> positions = ownSlicePositions();
        return labelsOn(rows, columns, positions, List.of(), 0.01);
    }

    /** The distinct frame positions sorted along the normal (row × column direction); by frame order without orientation. */
    public List<Vec3> ownSlicePositions() {
        Vec3 normal = rowDirection == null || columnDirection == null ? null : rowDirection.cross(columnDirection);
        List<Vec3> positions = new ArrayList<>();
        for (SegmentFrame frame : frames) {
            if (frame.position() != null && positions.stream().noneMatch(p -> p.distance(frame.position()) < 0.01)) {
                positions.add(frame.position());
            }
        }
        if (normal != null) {
            positions.sort(Comparator.comparingDouble(p -> p.dot(normal)));
        }
        return positions;
    }

    private static int sliceOf(SegmentFrame frame, List<Vec3> positions, List<String> instances, double tolerance) {
        if (frame.position() != null) {
            int best = -1;
            double bestDistance = tolerance;
            for (int k = 0; k < positions.size(); k++) {
                double d = positions.get(k).distance(frame.position());
                if (d <= bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        if (frame.sourceSopInstanceUid() != null) {
            return instances.indexOf(frame.sourceSopInstanceUid());
        }
        return -1;
    }
}
