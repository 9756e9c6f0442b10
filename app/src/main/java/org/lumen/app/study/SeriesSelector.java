// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/**
 * Picks a series: the one a study opens on ({@link #mainSeries}), or one by UID or by its 0-based index
 * in the order {@code lumen info} lists them.
 */
public final class SeriesSelector {

    private SeriesSelector() { }

    /** @param selector a Series Instance UID or an index; null picks the {@linkplain #mainSeries main series} */
    public static Series select(DicomIndex index, String selector) {
        List<Series> all = index.allSeries();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no series found" + (index.problems().isEmpty() ? ""
                    : " (" + index.problems().size() + " file(s) could not be used; see lumen info)"));
        }
        if (selector == null) {
            return mainSeries(index)
                    .orElseThrow(() -> new IllegalArgumentException("no image series found; only non-image objects"));
        }
        if (selector.matches("\\d{1,6}")) {
            int i = Integer.parseInt(selector);
            if (i >= all.size()) {
                throw new IllegalArgumentException("series index " + i + " is out of range: there are " + all.size() + " series (0.."
                        + (all.size() - 1) + ")");
            }
            return all.get(i);
        }
        return index.seriesByUid(selector)
                .orElseThrow(() -> new IllegalArgumentException("no series with UID " + selector));
    }

    /**
     * The series a study opens on, what a reader would start with: never a localizer (scout, topogram) while
     * another image series exists; a volume before a stack that is not one; then the most images (frames);
     * axial before other orientations; the lowest series number; the order {@code lumen info} lists them.
     * Empty when no series has images.
     */
    public static Optional<Series> mainSeries(DicomIndex index) {
        StackPlanner planner = new StackPlanner();
        return index.allSeries().stream()
                .filter(Series::hasImages)
                .map(s -> Candidate.of(s, planner.plan(s)))
                .sorted(RANK) // stable: equal candidates keep the order info lists them in
                .findFirst()
                .map(Candidate::series);
    }

    private static final Comparator<Candidate> RANK = Comparator
            .comparing(Candidate::localizer)                                  // false first
            .thenComparing(Candidate::volume, Comparator.reverseOrder())      // true first
            .thenComparing(Candidate::frames, Comparator.reverseOrder())
            .thenComparing(Candidate::axial, Comparator.reverseOrder())
            .thenComparing(Candidate::seriesNumber, Comparator.nullsLast(Comparator.naturalOrder()));

    /** What the rank looks at, computed once per series. */
    private record Candidate(Series series, boolean localizer, boolean volume, int frames, boolean axial, Integer seriesNumber) {

        static Candidate of(Series series, StackPlan plan) {
            List<InstanceHeader> images = series.instances().stream().filter(i -> i.kind().isImage() && i.hasPixels()).toList();
            boolean localizer = images.stream().allMatch(InstanceHeader::isLocalizer);
            int frames = images.stream().mapToInt(InstanceHeader::frames).sum();
            return new Candidate(series, localizer, plan.isVolume(), frames, isAxial(plan), series.info().number());
        }

        /** Slices across the body's long axis: the plane's normal lies closest to the patient's z axis. */
        private static boolean isAxial(StackPlan plan) {
            Vec3 normal;
            if (plan.isVolume()) {
                normal = plan.geometry().normal();
            } else {
                ImagePlane plane = plan.frames().stream().map(FrameRef::plane)
                        .filter(p -> p != null && p.rowDirection() != null && p.columnDirection() != null)
                        .findFirst().orElse(null);
                if (plane == null) {
                    return false;
                }
                normal = plane.normal();
            }
            double z = Math.abs(normal.z());
            return z >= Math.abs(normal.x()) && z >= Math.abs(normal.y());
        }
    }
}
