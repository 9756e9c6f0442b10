// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * The display a series opens with: the file's VOI LUT, else its first window, else a CT's first
 * preset, else the automatic window; real-valued (float) images without a window of their own get the
 * automatic window over their values. A window that misses the image (fewer than
 * {@link #MISS_SHARE} of its values, padding aside, fall inside it) would show a blank rectangle,
 * so the automatic window replaces it.
 */
public final class DisplayDefaults {

    /** "None or almost none" of the values: below one in two hundred. */
    static final double MISS_SHARE = 0.005;

    private DisplayDefaults() { }

    public static DisplaySettings initial(InstanceHeader header, VoxelSlice slice) {
        boolean invert = header.pixels() != null && header.pixels().photometric() == Photometric.MONOCHROME1;
        ValueStatistics values = ValueStatistics.of(slice);
        if (header.pixelData() != null && header.pixelData().isFloat() && header.windows().isEmpty()) {
            // Real values: a modality's presets (a map copies the CT's Modality) would show them as one grey.
            return DisplaySettings.window(AutoWindow.ofReal(values), invert);
        }
        if (header.voiLut() != null && header.windows().isEmpty()) {
            return new DisplaySettings(AutoWindow.of(values), header.voiLut(), invert);
        }
        WindowPreset window = !header.windows().isEmpty() ? header.windows().getFirst()
                : "CT".equalsIgnoreCase(header.series().modality()) ? WindowPresets.CT.getFirst() : null;
        return DisplaySettings.window(window == null || misses(window, values) ? AutoWindow.of(values) : window, invert);
    }

    /** Whether {@code window} shows none or almost none of {@code values} between black and white. */
    public static boolean misses(WindowPreset window, ValueStatistics values) {
        return values.shareWithin(window.lower(), window.upper()) < MISS_SHARE;
    }
}
