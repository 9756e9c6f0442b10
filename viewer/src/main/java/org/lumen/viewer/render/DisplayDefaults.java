// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.List;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * The display a series opens with: the file's VOI LUT, else its first window, else a CT's first
 * preset, else the automatic window; parametric maps (real-world values, ADR 0039) get their own window carried
 * through their mapping, else the automatic window over their values. A window that misses the image (fewer than
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
        if (RealWorldValues.holdsRealValues(header) && (header.pixels() == null || !header.pixels().isColor())) {
            // Real-world values (ADR 0039): a modality's presets (a map copies the CT's Modality) would show them as one
            // grey; the file's own window applies to stored values, so it is taken through the mapping.
            List<WindowPreset> own = WindowPresets.fileWindows(header);
            WindowPreset window = own.isEmpty() ? null : own.getFirst();
            return DisplaySettings.window(window == null || misses(window, values) ? AutoWindow.ofReal(values) : window, invert);
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
