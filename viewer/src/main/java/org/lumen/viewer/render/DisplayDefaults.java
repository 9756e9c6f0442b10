// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.List;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.volume.VoxelSlice;

/** The display a series opens with: the file's VOI LUT or first window, else a CT default, else auto. */
public final class DisplayDefaults {

    private DisplayDefaults() { }

    public static DisplaySettings initial(InstanceHeader header, VoxelSlice slice) {
        boolean invert = header.pixels() != null && header.pixels().photometric() == Photometric.MONOCHROME1;
        if (header.voiLut() != null && header.windows().isEmpty()) {
            return new DisplaySettings(AutoWindow.of(slice), header.voiLut(), invert);
        }
        List<WindowPreset> presets = WindowPresets.forSeries(header.series().modality(), header.windows());
        WindowPreset window = presets.isEmpty() ? AutoWindow.of(slice) : presets.getFirst();
        return DisplaySettings.window(window, invert);
    }
}
