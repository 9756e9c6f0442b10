// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
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
 * (Derivation Image / Source Image, else Referenced Image: SOP Instance UID → the series slice of that instance),
 * scaled in plane by pixel spacing (first pixel centres together) or, without spacing, by field of view. Where a
 * frame's position and its reference disagree by more than half a slice, the note says so.
 *
 * @param referenced series slice → map slice, -1 where no map frame names it; null to place by position
 * @param inPlane    {a, b, c, d}: map column = a·i + b, map row = c·j + d for series pixel (i, j); null by position
 * @param note       a sentence for the user, empty when placement by position agrees with any references
 */
record MapPlacement(int[] referenced, double[] inPlane, String note) {

    static MapPlacement of(StackPlan map, StackPlan series, boolean sameFrameOfReference) throws UnusableFileException {
        Map<String, Integer> seriesSliceOf = new HashMap<>();
        for (int k = 0; k < series.sliceCount(); k++) {
            FrameRef f = series.frames().get(k);
            if (f.instance().frames() == 1) { // a multi-frame instance's UID does not name one slice
                seriesSliceOf.put(f.instance().sopInstanceUid(), k);
            }
        }
        Map<InstanceHeader, DerivationReferences> read = new IdentityHashMap<>();
        int[] sourceSlice = new int[map.sliceCount()];
        int named = 0;
        for (int m = 0; m < map.sliceCount(); m++) {
            FrameRef f = map.frames().get(m);
            DerivationReferences references = read.get(f.instance());
            if (references == null) {
                references = DerivationReferences.read(f.instance().file());
                read.put(f.instance(), references);
            }
            String uid = references.sourceOf(f.frame());
            Integer k = uid == null ? null : seriesSliceOf.get(uid);
            sourceSlice[m] = k == null ? -1 : k;
            named += k == null ? 0 : 1;
        }
        boolean positioned = map.isVolume() || map.sliceCount() == 1 && map.frames().getFirst().plane().hasPositionAndOrientation();
        String disagreement = positioned && named > 0 ? disagreement(map, series, sourceSlice) : "";
        if (sameFrameOfReference && positioned || named == 0) {
            return new MapPlacement(null, null, disagreement.isEmpty() ? ""
                    : "placed by its positions in the shared frame of reference, although " + disagreement);
        }
        int[] referenced = new int[series.sliceCount()];
        java.util.Arrays.fill(referenced, -1);
        for (int m = 0; m < sourceSlice.length; m++) {
            if (sourceSlice[m] >= 0 && referenced[sourceSlice[m]] < 0) {
                referenced[sourceSlice[m]] = m;
            }
        }
        String how = String.format(Locale.ROOT, "placed slice by slice by the images its frames were derived from (%d of %d frames name"
                + " a slice of this series), not by its own positions", named, map.sliceCount());
        return new MapPlacement(referenced, inPlane(map, series), disagreement.isEmpty() ? how : how + "; " + disagreement);
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
