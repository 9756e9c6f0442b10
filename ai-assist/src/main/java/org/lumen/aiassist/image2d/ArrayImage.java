// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;

/** A {@link PlanarImage} held as one float array per channel, row-major (generated images, tests, phantoms). */
public final class ArrayImage implements PlanarImage {

    private final int columns;
    private final int rows;
    private final float[][] planes;

    /** @param planes one row-major plane per channel (1 or 3), each {@code columns × rows} values */
    public ArrayImage(int columns, int rows, float[]... planes) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("an image needs at least one pixel, was " + columns + "x" + rows);
        }
        if (planes.length != 1 && planes.length != 3) {
            throw new IllegalArgumentException("an image has 1 or 3 channels, got " + planes.length);
        }
        for (float[] p : planes) {
            if (Objects.requireNonNull(p, "plane").length != columns * rows) {
                throw new IllegalArgumentException("a plane of a " + columns + "x" + rows + " image has " + columns * rows
                        + " values, got " + p.length);
            }
        }
        this.columns = columns;
        this.rows = rows;
        this.planes = planes.clone();
    }

    /** A colour image from packed 0xAARRGGBB pixels. */
    public static ArrayImage ofArgb(int columns, int rows, int[] argb) {
        float[] r = new float[argb.length];
        float[] g = new float[argb.length];
        float[] b = new float[argb.length];
        for (int i = 0; i < argb.length; i++) {
            r[i] = argb[i] >> 16 & 0xFF;
            g[i] = argb[i] >> 8 & 0xFF;
            b[i] = argb[i] & 0xFF;
        }
        return new ArrayImage(columns, rows, r, g, b);
    }

    @Override
    public int columns() { return columns; }

    @Override
    public int rows() { return rows; }

    @Override
    public int channels() { return planes.length; }

    @Override
    public float value(int channel, int column, int row) {
        return planes[channel][row * columns + column];
    }

    @Override
    public void readRow(int channel, int row, int column, int count, float[] into) {
        System.arraycopy(planes[channel], row * columns + column, into, 0, count);
    }
}
