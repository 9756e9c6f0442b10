// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.image.VoiLut;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/** The DICOM linear VOI function, its lookup table, VOI LUTs and inversion. */
class SliceRendererTest {

    private final SliceRenderer renderer = new SliceRenderer();

    @Test
    void linearFunctionFollowsPs3_3() {
        DisplaySettings lung = DisplaySettings.window(new WindowPreset("lung", -600, 1500), false);
        // Below c - 0.5 - (w-1)/2 is black, above c - 0.5 + (w-1)/2 is white.
        assertThat(SliceRenderer.intensity(-1350.1, lung)).isZero();
        assertThat(SliceRenderer.intensity(149.1, lung)).isEqualTo(255);
        assertThat(SliceRenderer.intensity(-600.5, lung)).isEqualTo(128);
    }

    @Test
    void lookupTableMatchesTheFormulaForEverySixteenBitValue() {
        DisplaySettings soft = DisplaySettings.window(new WindowPreset("soft", 40, 400), false);
        short[] values = new short[65536];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (i - 32768);
        }
        byte[] out = new byte[values.length];
        renderer.renderGray(VoxelSlice.ofShorts(256, 256, VoxelType.INT16, values), soft, out);
        for (int i = 0; i < values.length; i++) {
            assertThat(out[i] & 0xFF).isEqualTo(SliceRenderer.intensity(values[i], soft));
        }
    }

    @Test
    void unsignedAndFloatSlicesRenderTheSameValuesAlike() {
        DisplaySettings window = DisplaySettings.window(new WindowPreset("w", 1000, 2000), false);
        short[] unsigned = {0, (short) 1000, (short) 40000};
        float[] floats = {0, 1000, 40000};
        byte[] a = new byte[3];
        byte[] b = new byte[3];
        renderer.renderGray(VoxelSlice.ofShorts(3, 1, VoxelType.UINT16, unsigned), window, a);
        renderer.renderGray(VoxelSlice.ofFloats(3, 1, floats), window, b);
        assertThat(a).isEqualTo(b);
        assertThat(a[2] & 0xFF).isEqualTo(255);
    }

    @Test
    void inversionMirrorsIntensities() {
        WindowPreset w = new WindowPreset("w", 100, 200);
        for (int v = -50; v < 250; v += 7) {
            assertThat(SliceRenderer.intensity(v, DisplaySettings.window(w, true)))
                    .isEqualTo(255 - SliceRenderer.intensity(v, DisplaySettings.window(w, false)));
        }
    }

    @Test
    void voiLutIsScaledToEightBits() {
        int[] entries = new int[4096];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = i;
        }
        VoiLut lut = new VoiLut("identity", 0, 12, entries);
        DisplaySettings settings = new DisplaySettings(new WindowPreset("x", 0, 10), lut, false);
        assertThat(SliceRenderer.intensity(0, settings)).isZero();
        assertThat(SliceRenderer.intensity(4095, settings)).isEqualTo(255);
        assertThat(SliceRenderer.intensity(99999, settings)).isEqualTo(255);
    }

    /** A real-valued window narrower than 1 (diffusion in mm2/s) is drawn by LINEAR_EXACT: its ends are black and white. */
    @Test
    void aNarrowRealValuedWindowSpansTheGreys() {
        DisplaySettings settings = DisplaySettings.window(new WindowPreset("auto", 0.001, 0.002), false);
        assertThat(SliceRenderer.intensity(0, settings)).isZero();
        assertThat(SliceRenderer.intensity(0.0005, settings)).isEqualTo(64);
        assertThat(SliceRenderer.intensity(0.001, settings)).isEqualTo(128);
        assertThat(SliceRenderer.intensity(0.002, settings)).isEqualTo(255);
        assertThat(SliceRenderer.intensity(0.01, settings)).isEqualTo(255);
    }
}
