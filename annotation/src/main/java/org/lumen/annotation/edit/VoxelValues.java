// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import java.util.function.IntFunction;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * Voxel values on a mask's grid, read by the value-gated tools: HU of a series for threshold paint
 * and flood fill, probabilities of a heatmap for AI pre-annotation. Plain data in, so the tools need
 * neither a loaded series nor ai-assist. A voxel that cannot be read is NaN, which no
 * {@link ValueRange} contains: the tools never paint where they cannot see.
 */
public interface VoxelValues {

    int columns();

    int rows();

    int slices();

    /** The value of voxel (i, j, k), or NaN when it cannot be read. */
    double value(int i, int j, int k);

    /** A dense volume laid out slice by slice, row by row: index {@code i + columns·(j + rows·k)}. */
    static VoxelValues ofShorts(int columns, int rows, int slices, short[] values) {
        checkLength(columns, rows, slices, values.length);
        return new GridValues(columns, rows, slices) {
            @Override
            public double value(int i, int j, int k) {
                return values[i + columns * (j + rows * k)];
            }
        };
    }

    /** A dense float volume (a heatmap) laid out as {@link #ofShorts}. */
    static VoxelValues ofFloats(int columns, int rows, int slices, float[] values) {
        checkLength(columns, rows, slices, values.length);
        return new GridValues(columns, rows, slices) {
            @Override
            public double value(int i, int j, int k) {
                return values[i + columns * (j + rows * k)];
            }
        };
    }

    /** A float volume given slice by slice, row-major; a slice the function returns null for reads as NaN. */
    static VoxelValues perSlice(int columns, int rows, int slices, IntFunction<float[]> slice) {
        Objects.requireNonNull(slice, "slice");
        return new GridValues(columns, rows, slices) {
            private int lastK = -1;
            private float[] last;

            @Override
            public double value(int i, int j, int k) {
                if (k != lastK) {
                    last = slice.apply(k);
                    lastK = k;
                    if (last != null && last.length != columns * rows) {
                        throw new IllegalArgumentException("slice " + k + " has " + last.length + " values, not " + columns * rows);
                    }
                }
                return last == null ? Double.NaN : last[i + columns * j];
            }
        };
    }

    /**
     * The modality values (HU for CT) of a series, decoding slices on demand. A slice that cannot be
     * decoded reads as NaN (the volume reports it to its listeners).
     */
    static VoxelValues of(Volume volume) {
        Objects.requireNonNull(volume, "volume");
        var g = volume.geometry();
        return new GridValues(g.columns(), g.rows(), g.slices()) {
            private int lastK = -1;
            private VoxelSlice last;

            @Override
            public double value(int i, int j, int k) {
                if (k != lastK) {
                    lastK = k;
                    try {
                        last = volume.slice(k);
                    } catch (UnusableFileException e) {
                        last = null;
                    }
                }
                return last == null ? Double.NaN : last.value(i, j);
            }
        };
    }

    private static void checkLength(int columns, int rows, int slices, int length) {
        if ((long) columns * rows * slices != length) {
            throw new IllegalArgumentException("a " + columns + "x" + rows + "x" + slices + " volume needs "
                    + (long) columns * rows * slices + " values, not " + length);
        }
    }
}
