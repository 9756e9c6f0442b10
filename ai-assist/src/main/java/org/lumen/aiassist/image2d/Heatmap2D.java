// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;

/**
 * One class's map over an image, in the original image's pixels: a model's probability, or an
 * explanation's saliency. The map may be coarser than the image: map pixel (a, b) covers image pixels
 * [a·step, (a+1)·step) × [b·step, (b+1)·step), so a letterboxed model's map is kept at about the
 * model's own resolution and a native-resolution model's at the image's.
 *
 * @param kind   {@link org.lumen.aiassist.pipeline.Heatmap#PROBABILITY}, {@link org.lumen.aiassist.pipeline.Heatmap#OCCLUSION}
 *               or {@link #RISE}
 * @param values {@code columns × rows}, row-major
 */
public record Heatmap2D(String label, int classIndex, String colour, double threshold, String kind, int imageColumns,
                        int imageRows, int step, int columns, int rows, float[] values) {

    /** The kind of a RISE saliency map. */
    public static final String RISE = "rise";

    public Heatmap2D {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(values, "values");
        if (step < 1 || columns != (imageColumns + step - 1) / step || rows != (imageRows + step - 1) / step
                || values.length != columns * rows) {
            throw new IllegalArgumentException("a " + columns + "x" + rows + " map at step " + step + " does not cover a "
                    + imageColumns + "x" + imageRows + " image with " + values.length + " values");
        }
    }

    /** The map's value at image pixel ({@code column}, {@code row}). */
    public float at(int column, int row) {
        return values[(row / step) * columns + column / step];
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The image pixel (centre of the map pixel) where the map is highest: [column, row]. */
    public double[] peakPx() {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return new double[] {Math.min(imageColumns - 1, (best % columns + 0.5) * step - 0.5),
                Math.min(imageRows - 1, (best / columns + 0.5) * step - 0.5)};
    }
}
