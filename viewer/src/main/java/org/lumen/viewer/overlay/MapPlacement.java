// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lumen.viewer.dicom.DerivationReferences;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * How a parametric map is put on a series' slices. By patient position when both share a frame of reference and
 * the map's positions make a stack (ADR 0030); otherwise by the image each map frame names as its source
 * (Derivation Image / Source Image, else Referenced Image: SOP Instance UID, and for a multi-frame image its Referenced
 * Frame Number → the series slice of that frame), scaled in plane by pixel spacing (first pixel centres together) or, without spacing, by field of view. Where a
 * frame's position and its reference disagree by more than half a slice, the note says so; so it does for a reference
 * to a frame that does not exist, to a multi-frame image without a frame number, or to several slices (ADR 0039).
 *
 * @param referenced series slice → map slice, -1 where no map frame names it; null to place by position
 * @param inPlane    {a, b, c, d}: map column = a·i + b, map row = c·j + d for series pixel (i, j); null by position
 * @param note       a sentence for the user, empty when placement by position agrees with any references
 */
record MapPlacement(int[] referenced, double[] inPlane, String note) {

    static MapPlacement of(StackPlan map, StackPlan series, boolean sameFrameOfReference) throws UnusableFileException {
        SeriesFrames frames = new SeriesFrames(series);
        Map<InstanceHeader, DerivationReferences> read = new IdentityHashMap<>();
        ReferenceProblems problems = new ReferenceProblems();
        int[] sourceSlice = new int[map.sliceCount()];
        int named = 0;
        for (int m = 0; m < map.sliceCount(); m++) {
            FrameRef f = map.frames().get(m);
            DerivationReferences references = read.get(f.instance());
            if (references == null) {
                references = DerivationReferences.read(f.instance().file());
                read.put(f.instance(), references);
            }
            sourceSlice[m] = frames.resolve(label(map, m), references.sourcesOf(f.frame()), problems);
            named += sourceSlice[m] >= 0 ? 1 : 0;
        }
        boolean positioned = map.isVolume() || map.sliceCount() == 1 && map.frames().getFirst().plane().hasPositionAndOrientation();
        String disagreement = positioned && named > 0 ? disagreement(map, series, sourceSlice) : "";
        if (sameFrameOfReference && positioned || named == 0) {
            String note = disagreement.isEmpty() ? "" : "placed by its positions in the shared frame of reference, although " + disagreement;
            // With a shared frame of reference the references are not needed; otherwise their problems are why none was used.
            String said = sameFrameOfReference && positioned ? "" : problems.describe();
            return new MapPlacement(null, null, said.isEmpty() ? note
                    : (note.isEmpty() ? "placed by its positions, as none of its references could be used: " : note + "; ") + said);
        }
        int[] referenced = new int[series.sliceCount()];
        java.util.Arrays.fill(referenced, -1);
        for (int m = 0; m < sourceSlice.length; m++) {
            if (sourceSlice[m] < 0) {
                continue;
            }
            if (referenced[sourceSlice[m]] < 0) {
                referenced[sourceSlice[m]] = m;
            } else {
                problems.repeated(label(map, m), label(map, referenced[sourceSlice[m]]));
            }
        }
        String how = String.format(Locale.ROOT, "placed slice by slice by the images its frames were derived from (%d of %d frames name"
                + " a slice of this series), not by its own positions", named, map.sliceCount());
        String note = disagreement.isEmpty() ? how : how + "; " + disagreement;
        String said = problems.describe();
        return new MapPlacement(referenced, inPlane(map, series), said.isEmpty() ? note : note + "; " + said);
    }

    /** "map frame 3" (the file's frame number) of a multi-frame map, else "map slice 3" (in the map's stacked order). */
    private static String label(StackPlan map, int m) {
        FrameRef f = map.frames().get(m);
        return f.instance().frames() > 1 ? "map frame " + (f.frame() + 1) : "map slice " + (m + 1);
    }

    /**
     * The series' stacked slices by the frame they show (SOP Instance UID and 0-based frame), and how many frames each
     * of its instances has: a map frame's reference to a multi-frame image is resolved through its Referenced Frame Number.
     */
    private static final class SeriesFrames {
        private final Map<String, Map<Integer, Integer>> sliceOf = new HashMap<>();
        private final Map<String, Integer> frameCount = new HashMap<>();

        SeriesFrames(StackPlan series) {
            for (int k = 0; k < series.sliceCount(); k++) {
                FrameRef f = series.frames().get(k);
                sliceOf.computeIfAbsent(f.instance().sopInstanceUid(), u -> new HashMap<>()).putIfAbsent(f.frame(), k);
                frameCount.put(f.instance().sopInstanceUid(), f.instance().frames());
            }
        }

        /** The one series slice the references of map frame {@code m} (its label) name, else -1 (problems noted). */
        int resolve(String m, List<DerivationReferences.Source> sources, ReferenceProblems problems) {
            Set<Integer> slices = new TreeSet<>();
            boolean unstacked = false;
            for (DerivationReferences.Source source : sources) {
                Integer count = frameCount.get(source.instanceUid());
                if (count == null) {
                    continue; // an image of another series
                }
                if (source.frameNumbers().isEmpty()) {
                    if (count > 1) {
                        problems.noFrameNumber(m, count);
                        return -1;
                    }
                    Integer k = sliceOf.get(source.instanceUid()).get(0);
                    if (k != null) {
                        slices.add(k);
                    }
                    continue;
                }
                for (int number : source.frameNumbers()) {
                    if (number < 1 || number > count) {
                        problems.missingFrame(m, number, count);
                        return -1;
                    }
                    Integer k = sliceOf.get(source.instanceUid()).get(number - 1);
                    if (k == null) {
                        unstacked = true;
                    } else {
                        slices.add(k);
                    }
                }
            }
            if (slices.size() > 1) {
                problems.severalSlices(m, slices.size());
                return -1;
            }
            if (slices.isEmpty() && unstacked) {
                problems.unstacked(m);
            }
            return slices.isEmpty() ? -1 : slices.iterator().next();
        }
    }

    /** What the references could not say, counted, with the first case of each kind, for one sentence. */
    private static final class ReferenceProblems {
        /** Per kind ("names … / name …" after the count): how many frames, and the first of them. */
        private final Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        private final Map<String, String> firsts = new HashMap<>();

        private void add(String kind, String first) {
            counts.computeIfAbsent(kind, k -> new int[1])[0]++;
            firsts.putIfAbsent(kind, first);
        }

        void missingFrame(String m, int number, int count) {
            add("a frame its image does not have, not placed",
                    String.format(Locale.ROOT, "%s: frame %d of an image with %d frames", m, number, count));
        }

        void noFrameNumber(String m, int count) {
            add("a multi-frame image without a Referenced Frame Number (ambiguous), not placed",
                    String.format(Locale.ROOT, "%s: an image of %d frames", m, count));
        }

        void severalSlices(String m, int slices) {
            add("frames on more than one slice of this series (ambiguous), not placed",
                    String.format(Locale.ROOT, "%s: %d slices", m, slices));
        }

        void unstacked(String m) {
            add("only frames this series' volume does not stack (another time point or repeat)", m);
        }

        void repeated(String m, String shown) {
            add("a slice an earlier frame names, which is the one shown", m + " after " + shown);
        }

        /** "1 frame names a frame its image does not have, not placed (map frame 1: frame 9 of an image with 6 frames)"; empty if none. */
        String describe() {
            List<String> parts = new java.util.ArrayList<>();
            counts.forEach((kind, n) -> parts.add(String.format(Locale.ROOT, "%d frame%s %s %s (%s)", n[0], n[0] == 1 ? "" : "s",
                    n[0] == 1 ? "names" : "name", kind, firsts.get(kind))));
            return String.join("; ", parts);
        }
    }

    /** "its positions and its source images disagree by more than half a slice at 3 frames (up to 4.0 mm)"; empty if they agree. */
    private static String disagreement(StackPlan map, StackPlan series, int[] sourceSlice) {
        VolumeGeometry g = series.geometry();
        Vec3 normal = g.normal();
        double tolerance = g.slices() > 1 ? g.minSliceGap() / 2 : 0.5;
        int count = 0;
        double worst = 0;
        for (int m = 0; m < sourceSlice.length; m++) {
            Vec3 position = map.frames().get(m).plane().position();
            if (sourceSlice[m] < 0 || position == null) {
                continue;
            }
            double off = Math.abs(position.minus(g.slicePosition(sourceSlice[m])).dot(normal));
            if (off > tolerance) {
                count++;
                worst = Math.max(worst, off);
            }
        }
        return count == 0 ? "" : String.format(Locale.ROOT,
                "its positions and its source images disagree by more than half a slice at %d frame%s (up to %.1f mm)",
                count, count == 1 ? "" : "s", worst);
    }

    /** Pixel spacing ratio with first pixel centres together when both give spacing; else the fields of view matched. */
    private static double[] inPlane(StackPlan map, StackPlan series) {
        VolumeGeometry mg = map.geometry();
        VolumeGeometry sg = series.geometry();
        if (mg.columns() == sg.columns() && mg.rows() == sg.rows()) {
            return new double[] {1, 0, 1, 0};
        }
        var mp = map.frames().getFirst().plane();
        var sp = series.frames().getFirst().plane();
        if (mp.rowSpacing() != null && mp.columnSpacing() != null && sp.rowSpacing() != null && sp.columnSpacing() != null) {
            return new double[] {sg.columnSpacing() / mg.columnSpacing(), 0, sg.rowSpacing() / mg.rowSpacing(), 0};
        }
        double a = (double) mg.columns() / sg.columns();
        double c = (double) mg.rows() / sg.rows();
        return new double[] {a, (a - 1) / 2, c, (c - 1) / 2};
    }
}
