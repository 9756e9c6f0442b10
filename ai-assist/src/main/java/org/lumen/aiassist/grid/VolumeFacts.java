// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.model.SeriesFacts;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;

/** The intended-use facts of a viewer volume: its headers, its stack plan and a sample of its values. */
public final class VolumeFacts {

    private VolumeFacts() { }

    /** Reads the value sample through {@code input} (decoding slices that are not in memory). */
    public static SeriesFacts of(Volume volume, SeriesInput input) throws IOException {
        InstanceHeader first = volume.frame(0).instance();
        Double thickness = null;
        for (int k = 0; k < volume.sliceCount(); k++) {
            FrameRef f = volume.frame(k);
            if (f.plane() != null && f.plane().sliceThickness() != null && f.plane().sliceThickness() > 0) {
                thickness = thickness == null ? f.plane().sliceThickness() : Math.max(thickness, f.plane().sliceThickness());
            }
        }
        VolumeGeometry g = volume.geometry();
        boolean regular = volume.plan().isRegular();
        // An irregular stack is judged by its widest gap: that is the spacing a model's limit is about.
        Double spacing = volume.sliceCount() > 1 && g.sliceSpacing() > 0 ? (regular ? g.sliceSpacing() : g.maxSliceGap()) : null;
        Double fieldOfView = g.columnSpacing() > 0 && g.rowSpacing() > 0
                ? Math.max(g.columns() * g.columnSpacing(), g.rows() * g.rowSpacing()) : null;
        return new SeriesFacts(first.series().modality(), first.series().bodyPart(), first.study().description(),
                first.series().description(), thickness, spacing, regular, regular ? null : irregularity(volume), fieldOfView,
                ValueSampler.sample(input));
    }

    /** Why a series is not a regular volume, in words: its uneven slice gaps, and what stacking noted. */
    private static String irregularity(Volume volume) {
        List<String> parts = new ArrayList<>();
        if (volume.plan().isVolume()) {
            parts.add("slice gaps " + volume.geometry().describeSpacing());
        }
        parts.addAll(volume.plan().notes());
        return parts.isEmpty() ? "its frames are not stacked as a volume" : String.join("; ", parts);
    }
}
