// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A decoded frame from the viewer as a {@link PlanarImage}, without a copy: greyscale slices
 * (16-bit or float modality values) as one channel, colour slices (already RGB: the decoder converts
 * YBR) as three. A MONOCHROME1 image is inverted about its own value range, so that higher values
 * are brighter for every model.
 */
public final class SliceImage implements PlanarImage {

    private final VoxelSlice slice;
    private final boolean invert;
    private final float invertAbout;

    public SliceImage(VoxelSlice slice, Photometric photometric) {
        this.slice = Objects.requireNonNull(slice, "slice");
        this.invert = photometric == Photometric.MONOCHROME1 && slice.type() != org.lumen.viewer.volume.VoxelType.RGB;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        if (invert) {
            for (int j = 0; j < slice.rows(); j++) {
                for (int i = 0; i < slice.columns(); i++) {
                    float v = (float) slice.value(i, j);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        this.invertAbout = invert ? min + max : 0;
    }

    /** Frame {@code k} of a viewer volume (a single image is a volume of one slice; a multi-frame US clip has one per frame). */
    public static SliceImage of(Volume volume, int k) throws UnusableFileException {
        Photometric p = volume.frame(k).instance().pixels() == null ? Photometric.MONOCHROME2
                : volume.frame(k).instance().pixels().photometric();
        return new SliceImage(volume.slice(k), p);
    }

    @Override
    public int columns() { return slice.columns(); }

    @Override
    public int rows() { return slice.rows(); }

    @Override
    public int channels() {
        return slice.type() == org.lumen.viewer.volume.VoxelType.RGB ? 3 : 1;
    }

    @Override
    public float value(int channel, int column, int row) {
        int index = row * slice.columns() + column;
        return switch (slice.type()) {
            case INT16 -> grey(slice.shorts()[index]);
            case UINT16 -> grey(slice.shorts()[index] & 0xFFFF);
            case FLOAT32 -> grey(slice.floats()[index]);
            case RGB -> slice.argb()[index] >> (16 - 8 * channel) & 0xFF;
        };
    }

    @Override
    public void readRow(int channel, int row, int column, int count, float[] into) {
        int at = row * slice.columns() + column;
        switch (slice.type()) {
            case INT16 -> {
                short[] s = slice.shorts();
                for (int i = 0; i < count; i++) {
                    into[i] = grey(s[at + i]);
                }
            }
            case UINT16 -> {
                short[] s = slice.shorts();
                for (int i = 0; i < count; i++) {
                    into[i] = grey(s[at + i] & 0xFFFF);
                }
            }
            case FLOAT32 -> {
                float[] f = slice.floats();
                for (int i = 0; i < count; i++) {
                    into[i] = grey(f[at + i]);
                }
            }
            case RGB -> {
                int[] argb = slice.argb();
                int shift = 16 - 8 * channel;
                for (int i = 0; i < count; i++) {
                    into[i] = argb[at + i] >> shift & 0xFF;
                }
            }
        }
    }

    private float grey(float v) {
        return invert ? invertAbout - v : v;
    }
}
