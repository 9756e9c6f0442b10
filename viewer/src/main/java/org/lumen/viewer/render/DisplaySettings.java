// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import org.lumen.viewer.image.VoiLut;
import org.lumen.viewer.image.WindowPreset;

/**
 * How greyscale values become screen intensities: a linear window, or the file's VOI LUT when
 * {@code voiLut} is set, then inversion for MONOCHROME1 (or when the reader asks for it).
 */
public record DisplaySettings(WindowPreset window, VoiLut voiLut, boolean invert) {

    public static DisplaySettings window(WindowPreset window, boolean invert) {
        return new DisplaySettings(window, null, invert);
    }
}
