// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;

/**
 * Decides how a series' frames stack into a volume: sorted along the slice normal (not by file
 * name or instance number), with irregular spacing, missing slices, repeated positions, mixed
 * sizes or orientations and gantry tilt handled or reported, never silently mis-stacked.
 */
public final class StackPlanner {

    /** Positions closer than this along the normal are the same slice position (mm). */
    private static final double SAME_POSITION_MM = 1e-3;
    /** Allowed deviation of a gap from the median gap, as a fraction of it. */
    private static final double GAP_TOLERANCE = 0.01;
    /** Allowed deviation of a slice origin from the straight line through the stack (mm). */
    private static final double LINE_TOLERANCE_MM = 0.05;
    private static final double ORIENTATION_TOLERANCE = 1e-3;

    /**
     * The stack of {@code series}. Never throws for the numbers in its headers: geometry that cannot be computed
     * (found by fuzzing: positions of 1e308 whose differences overflow) leaves the series a stack in instance order
     * with a note saying why, so one damaged series never hides the others beside it.
     */
    public StackPlan plan(Series series) {
        try {
            return planFromGeometry(series);
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            List<FrameRef> frames = frames(series);
            frames.sort(acquisitionOrder());
            List<String> notes = new ArrayList<>();
            notes.add("image position/orientation unusable (" + e.getMessage() + "): shown as a stack in instance order, not as a volume");
            if (frames.isEmpty()) {
                return new StackPlan(series.uid(), frames, null, false, notes);
            }
            frames = largestGroup(frames, f -> f.columns() + "x" + f.rows(), "image sizes", notes);
            FrameRef first = frames.getFirst();
            return new StackPlan(series.uid(), frames, new VolumeGeometry(first.columns(), first.rows(), frames.size(), Vec3.ZERO,
                    new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 1)), false, notes);
        }
    }

    private StackPlan planFromGeometry(Series series) {
        List<String> notes = new ArrayList<>();
        series.instances().stream().map(InstanceHeader::generatedUids).filter(java.util.Objects::nonNull).distinct()
                .forEach(which -> notes.add("generated from the file content, as the file lacks them: " + which));
        List<FrameRef> frames = frames(series);
        if (frames.isEmpty()) {
            notes.add("no decodable images in this series (" + series.kind().description() + ")");
            return new StackPlan(series.uid(), frames, null, false, notes);
        }
        frames = largestGroup(frames, f -> f.columns() + "x" + f.rows(), "image sizes", notes);
        boolean positioned = frames.stream().allMatch(f -> f.plane() != null && f.plane().hasPositionAndOrientation());
        if (!positioned) {
            frames.sort(acquisitionOrder());
            if (frames.size() > 1) {
                notes.add("no image position/orientation on every frame: shown as a stack in instance order, not as a volume");
            }
            return new StackPlan(series.uid(), frames, flatGeometry(frames), false, notes);
        }
        frames = largestGroup(frames, StackPlanner::orientationKey, "orientations", notes);
        Vec3 normal = frames.getFirst().plane().normal();
        frames.sort(Comparator.comparingDouble((FrameRef f) -> f.plane().position().dot(normal)).thenComparing(acquisitionOrder()));
        frames = dropRepeatedPositions(frames, normal, notes);
        if (frames.size() == 1) {
            return new StackPlan(series.uid(), frames, flatGeometry(frames), false, notes);
        }
        return planVolume(series.uid(), frames, normal, notes);
    }

    private StackPlan planVolume(String uid, List<FrameRef> frames, Vec3 normal, List<String> notes) {
        int n = frames.size();
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = frames.get(k).plane().position().dot(normal);
        }
        double[] gaps = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            gaps[k] = d[k + 1] - d[k];
        }
        double median = median(gaps);
        boolean regular = true;
        double minGap = Double.MAX_VALUE;
        double maxGap = 0;
        int missing = 0;
        for (double gap : gaps) {
            minGap = Math.min(minGap, gap);
            maxGap = Math.max(maxGap, gap);
            if (Math.abs(gap - median) > GAP_TOLERANCE * median) {
                regular = false;
                double ratio = gap / median;
                if (Math.abs(ratio - Math.rint(ratio)) < GAP_TOLERANCE * ratio && ratio > 1.5) {
                    missing += (int) Math.rint(ratio) - 1;
                }
            }
        }
        Vec3 first = frames.getFirst().plane().position();
        Vec3 step = frames.getLast().plane().position().minus(first).times(1.0 / (n - 1));
        boolean straight = true;
        for (int k = 0; k < n && regular; k++) {
            if (frames.get(k).plane().position().distance(first.plus(step.times(k))) > LINE_TOLERANCE_MM) {
                straight = false;
            }
        }
        if (regular && straight) {
            VolumeGeometry geometry = geometry(frames, step);
            tiltNote(geometry, notes);
            return new StackPlan(uid, frames, geometry, true, notes);
        }
        // Uneven gaps or a bent line: still a volume, but at every slice's true position (ADR 0014).
        VolumeGeometry geometry = geometryAtPositions(frames);
        if (!regular) {
            notes.add(missing > 0
                    ? String.format(Locale.ROOT, "%d missing slice(s): gaps of %.3g to %.3g mm where the spacing is %.3g mm; reformats, measurements and models use each slice's true position and interpolate across the gaps", missing, minGap, maxGap, median)
                    : String.format(Locale.ROOT, "irregular slice spacing (%.3g to %.3g mm): reformats, measurements and models use each slice's true position, interpolating between slices", minGap, maxGap));
        } else {
            notes.add("slice positions do not lie on a straight line: reformats, measurements and models use each slice's true position");
        }
        tiltNote(geometry, notes);
        return new StackPlan(uid, frames, geometry, true, notes);
    }

    private static void tiltNote(VolumeGeometry geometry, List<String> notes) {
        if (geometry.shearDegrees() > 0.01) {
            notes.add(String.format(Locale.ROOT, "gantry tilt %.1f°: the stack is sheared; its geometry is kept exact (not resampled)", geometry.shearDegrees()));
        }
    }

    private static List<FrameRef> frames(Series series) {
        List<FrameRef> frames = new ArrayList<>();
        for (InstanceHeader instance : series.instances()) {
            if (!instance.kind().isImage() || !instance.hasPixels()) {
                continue;
            }
            double[] offsets = instance.frameOffsets();
            for (int f = 0; f < instance.frames(); f++) {
                ImagePlane plane = instance.planeOfFrame(f);
                if (plane != null && plane.hasPositionAndOrientation() && instance.framePlanes().isEmpty()
                        && instance.frames() > 1) {
                    // A multi-frame object with one position: RT Dose gives offsets along the normal; others have none.
                    plane = offsets.length == instance.frames()
                            ? new ImagePlane(plane.position().plus(plane.normal().times(offsets[f])), plane.rowDirection(),
                                    plane.columnDirection(), plane.rowSpacing(), plane.columnSpacing(), plane.sliceThickness())
                            : new ImagePlane(null, plane.rowDirection(), plane.columnDirection(), plane.rowSpacing(),
                                    plane.columnSpacing(), plane.sliceThickness());
                }
                frames.add(new FrameRef(instance, f, plane));
            }
        }
        return frames;
    }

    /** Keeps the most common group (by {@code key}) and says what was left out. */
    private static List<FrameRef> largestGroup(List<FrameRef> frames, Function<FrameRef, String> key, String what,
                                               List<String> notes) {
        Map<String, List<FrameRef>> groups = new LinkedHashMap<>();
        frames.forEach(f -> groups.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f));
        if (groups.size() == 1) {
            return new ArrayList<>(frames);
        }
        List<FrameRef> kept = groups.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        StringBuilder others = new StringBuilder();
        groups.forEach((k, v) -> {
            if (v != kept) {
                others.append(others.isEmpty() ? "" : ", ").append(v.size()).append(" with ").append(k);
            }
        });
        notes.add("mixed " + what + " in one series: the stack uses the " + kept.size() + " frames with "
                + key.apply(kept.getFirst()) + "; left out " + others);
        return new ArrayList<>(kept);
    }

    private static String orientationKey(FrameRef f) {
        Vec3 r = f.plane().rowDirection();
        Vec3 c = f.plane().columnDirection();
        // Rounded so that tiny floating-point differences do not split a stack.
        double q = 1 / ORIENTATION_TOLERANCE;
        return String.format(Locale.ROOT, "orientation [%.3f,%.3f,%.3f,%.3f,%.3f,%.3f]",
                Math.rint(r.x() * q) / q, Math.rint(r.y() * q) / q, Math.rint(r.z() * q) / q,
                Math.rint(c.x() * q) / q, Math.rint(c.y() * q) / q, Math.rint(c.z() * q) / q);
    }

    /** Several frames at one position (time points, repeated acquisitions): keep the first of each. */
    private static List<FrameRef> dropRepeatedPositions(List<FrameRef> sorted, Vec3 normal, List<String> notes) {
        List<FrameRef> kept = new ArrayList<>();
        double last = Double.NaN;
        for (FrameRef f : sorted) {
            double d = f.plane().position().dot(normal);
            if (kept.isEmpty() || Math.abs(d - last) > SAME_POSITION_MM) {
                kept.add(f);
                last = d;
            }
        }
        int dropped = sorted.size() - kept.size();
        if (dropped > 0) {
            notes.add(sorted.size() % kept.size() == 0
                    ? String.format(Locale.ROOT, "%d frames at each of %d positions (time points or repeated acquisitions): the volume uses the first at each position; %d frames not stacked", sorted.size() / kept.size(), kept.size(), dropped)
                    : String.format(Locale.ROOT, "%d frames repeat a position already stacked and were left out", dropped));
        }
        return kept;
    }

    private static Comparator<FrameRef> acquisitionOrder() {
        return Comparator.comparing((FrameRef f) -> f.instance().instanceNumber() == null ? Integer.MAX_VALUE : f.instance().instanceNumber())
                .thenComparing(f -> f.instance().sopInstanceUid())
                .thenComparingInt(FrameRef::frame);
    }

    private static VolumeGeometry geometry(List<FrameRef> frames, Vec3 step) {
        FrameRef first = frames.getFirst();
        ImagePlane plane = first.plane();
        return new VolumeGeometry(first.columns(), first.rows(), frames.size(), plane.position(), plane.rowDirection(),
                plane.columnDirection(), spacing(plane.columnSpacing()), spacing(plane.rowSpacing()), step);
    }

    /** Geometry for a stack at its frames' own positions (irregular gaps or a bent line). */
    private static VolumeGeometry geometryAtPositions(List<FrameRef> frames) {
        Vec3[] origins = new Vec3[frames.size()];
        for (int k = 0; k < origins.length; k++) {
            origins[k] = frames.get(k).plane().position();
        }
        FrameRef first = frames.getFirst();
        ImagePlane plane = first.plane();
        return VolumeGeometry.atPositions(first.columns(), first.rows(), origins, plane.rowDirection(), plane.columnDirection(),
                spacing(plane.columnSpacing()), spacing(plane.rowSpacing()));
    }

    /** Geometry for a stack that is not a volume: in-plane values from the first frame, unit steps between frames. */
    private static VolumeGeometry flatGeometry(List<FrameRef> frames) {
        FrameRef first = frames.getFirst();
        ImagePlane plane = first.plane();
        Vec3 row = plane != null && plane.rowDirection() != null ? plane.rowDirection() : new Vec3(1, 0, 0);
        Vec3 column = plane != null && plane.columnDirection() != null ? plane.columnDirection() : new Vec3(0, 1, 0);
        Vec3 origin = plane != null && plane.position() != null ? plane.position() : Vec3.ZERO;
        double thickness = plane != null && plane.sliceThickness() != null && plane.sliceThickness() > 0
                && Double.isFinite(plane.sliceThickness()) ? plane.sliceThickness() : 1;
        return new VolumeGeometry(first.columns(), first.rows(), frames.size(), origin, row, column,
                spacing(plane == null ? null : plane.columnSpacing()), spacing(plane == null ? null : plane.rowSpacing()),
                row.cross(column).normalized().times(thickness));
    }

    /**
     * The spacing, or one unit per pixel where the file gives none: the geometry then counts pixels,
     * and {@link StackPlan#calibration()} makes measurements say px, never mm (decision 0013).
     */
    private static double spacing(Double value) {
        return value == null || value <= 0 ? 1 : value;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
