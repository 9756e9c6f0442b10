// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.InstanceValues;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A parametric map's values as real-world values: every frame of its stack decoded (each instance once,
 * after its modality LUT, without the shared pixel cache) and passed through the frame's Real World Value
 * Mapping (slope and intercept, or LUT), with the mapping's units. Call off the FX thread.
 *
 * @param values slice after slice in the stack's order (k, then j, then i)
 * @param units  the first mapping's units; empty when none is named
 * @param low    the smallest finite value (0 when none)
 * @param high   the largest finite value (0 when none)
 * @param mapping the first mapping, for a description; null when the map has none
 */
public record MapValues(float[] values, String units, float low, float high, RealWorldValues.Mapping mapping) {

    public static MapValues decode(StackPlan map) throws UnusableFileException {
        VolumeGeometry g = map.geometry();
        int plane = g.columns() * g.rows();
        float[] values = new float[plane * g.slices()];
        Map<InstanceHeader, List<VoxelSlice>> decoded = new IdentityHashMap<>();
        Map<InstanceHeader, RealWorldValues> mappings = new IdentityHashMap<>();
        String units = "";
        RealWorldValues.Mapping first = null;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < g.slices(); k++) {
            FrameRef ref = map.frames().get(k);
            List<VoxelSlice> frames = decoded.get(ref.instance());
            RealWorldValues rwv = mappings.get(ref.instance());
            if (frames == null) {
                frames = InstanceValues.decode(ref.instance());
                decoded.put(ref.instance(), frames);
                rwv = RealWorldValues.read(ref.instance().file());
                mappings.put(ref.instance(), rwv);
                units = units.isEmpty() ? rwv.units() : units;
                first = first == null ? rwv.first() : first;
            }
            VoxelSlice s = frames.get(ref.frame());
            boolean identity = rwv.of(ref.frame()).isEmpty();
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    double stored = s.value(i, j);
                    float v = (float) (identity ? stored : rwv.apply(ref.frame(), stored));
                    values[k * plane + j * g.columns() + i] = v;
                    if (Float.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return new MapValues(values, units, lo <= hi ? lo : 0, lo <= hi ? hi : 0, first);
    }
}
