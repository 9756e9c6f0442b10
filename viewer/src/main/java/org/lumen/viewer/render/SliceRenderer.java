// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/**
 * Renders a voxel slice into 8-bit display intensities or ARGB pixels, with the DICOM linear VOI
 * function (PS3.3 C.11.2.1.2.1), a VOI LUT, and inversion. 16-bit slices go through a 64 Ki-entry
 * lookup table built once per window, so a 512×512 slice costs one table read per pixel.
 * One renderer per viewport: it keeps the table of the last window.
 */
public final class SliceRenderer {

    private final byte[] table = new byte[65536];
    private byte[] scratch = new byte[0];
    private DisplaySettings tableSettings;
    private VoxelType tableType;

    /** Writes one display byte per pixel into {@code out} (row-major, length columns×rows). */
    public void renderGray(VoxelSlice slice, DisplaySettings settings, byte[] out) {
        int n = slice.columns() * slice.rows();
        switch (slice.type()) {
            case INT16, UINT16 -> {
                byte[] lut = table(slice.type(), settings);
                short[] data = slice.shorts();
                if (slice.type() == VoxelType.INT16) {
                    for (int i = 0; i < n; i++) {
                        out[i] = lut[data[i] + 32768];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = lut[data[i] & 0xFFFF];
                    }
                }
            }
            case FLOAT32 -> {
                float[] data = slice.floats();
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) intensity(data[i], settings);
                }
            }
            case RGB -> {
                int[] argb = slice.argb();
                for (int i = 0; i < n; i++) {
                    int c = argb[i];
                    int y = (299 * (c >> 16 & 0xFF) + 587 * (c >> 8 & 0xFF) + 114 * (c & 0xFF)) / 1000;
                    out[i] = (byte) (settings.invert() ? 255 - y : y);
                }
            }
        }
    }

    /** Writes opaque ARGB pixels: grey for greyscale slices, the colours themselves for RGB slices. */
    public void renderArgb(VoxelSlice slice, DisplaySettings settings, int[] out) {
        int n = slice.columns() * slice.rows();
        if (slice.type() == VoxelType.RGB) {
            int[] argb = slice.argb();
            for (int i = 0; i < n; i++) {
                out[i] = settings.invert() ? 0xFF000000 | ~argb[i] & 0xFFFFFF : argb[i];
            }
            return;
        }
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        byte[] gray = scratch;
        renderGray(slice, settings, gray);
        for (int i = 0; i < n; i++) {
            int g = gray[i] & 0xFF;
            out[i] = 0xFF000000 | g << 16 | g << 8 | g;
        }
    }

    private byte[] table(VoxelType type, DisplaySettings settings) {
        if (!settings.equals(tableSettings) || type != tableType) {
            int offset = type == VoxelType.INT16 ? -32768 : 0;
            for (int i = 0; i < table.length; i++) {
                table[i] = (byte) intensity(i + offset, settings);
            }
            tableSettings = settings;
            tableType = type;
        }
        return table;
    }

    /** The display intensity 0..255 of one modality value. */
    static int intensity(double value, DisplaySettings settings) {
        int y;
        if (settings.voiLut() != null) {
            y = (int) Math.round(settings.voiLut().lookup(value) * 255.0 / settings.voiLut().maxOutput());
        } else {
            double c = settings.window().center();
            double w = settings.window().width();
            if (w < 1) {
                // LINEAR_EXACT (PS3.3 C.11.2.1.3.2), for the narrow windows of real values.
                y = (int) Math.round(((value - c) / w + 0.5) * 255);
            } else if (value <= c - 0.5 - (w - 1) / 2) {
                y = 0;
            } else if (value > c - 0.5 + (w - 1) / 2) {
                y = 255;
            } else {
                y = (int) Math.round(((value - (c - 0.5)) / (w - 1) + 0.5) * 255);
            }
        }
        y = Math.clamp(y, 0, 255);
        return settings.invert() ? 255 - y : y;
    }
}
