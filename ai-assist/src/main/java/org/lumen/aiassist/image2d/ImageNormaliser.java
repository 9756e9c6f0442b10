// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Arrays;
import org.lumen.aiassist.model.ImageNormalisation;

/**
 * Applies a card's {@link ImageNormalisation} to an image's values, per channel: one scale and
 * shift, and for windows a clip. A percentile window measures its percentiles on a sample of at most
 * {@link #SAMPLE} pixels spread evenly over the image.
 */
final class ImageNormaliser {

    static final int SAMPLE = 1 << 20;

    private final float[] scale;
    private final float[] shift;
    private final float low;
    private final float high;
    private final boolean clip;

    private ImageNormaliser(float[] scale, float[] shift, float low, float high, boolean clip) {
        this.scale = scale;
        this.shift = shift;
        this.low = low;
        this.high = high;
        this.clip = clip;
    }

    static ImageNormaliser of(ImageNormalisation n, PlanarImage image) {
        int c = image.channels();
        return switch (n.kind()) {
            case WINDOW -> window(n.low(), n.high(), c);
            case PERCENTILE_WINDOW -> {
                double[] p = percentiles(image, n.low(), n.high());
                yield window(p[0], p[1] > p[0] ? p[1] : p[0] + 1, c);
            }
            case CHANNEL_MEAN_STD -> {
                float[] scale = new float[c];
                float[] shift = new float[c];
                double[] mean = n.mean();
                double[] std = n.std();
                for (int k = 0; k < c; k++) {
                    scale[k] = (float) (n.scale() / std[k]);
                    shift[k] = (float) (-mean[k] / std[k]);
                }
                yield new ImageNormaliser(scale, shift, 0, 0, false);
            }
            case NONE -> {
                float[] one = new float[c];
                Arrays.fill(one, 1);
                yield new ImageNormaliser(one, new float[c], 0, 0, false);
            }
        };
    }

    private static ImageNormaliser window(double low, double high, int channels) {
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        Arrays.fill(scale, (float) (1 / (high - low)));
        Arrays.fill(shift, (float) (-low / (high - low)));
        return new ImageNormaliser(scale, shift, (float) low, (float) high, true);
    }

    float apply(int channel, float v) {
        if (clip) {
            v = v < low ? low : v > high ? high : v;
        }
        return v * scale[channel] + shift[channel];
    }

    /** The low and high percentiles (0–100) of the image's first channel, from an even sample. */
    static double[] percentiles(PlanarImage image, double low, double high) {
        long pixels = (long) image.columns() * image.rows();
        int step = (int) Math.max(1, Math.ceil(Math.sqrt(pixels / (double) SAMPLE)));
        int nx = (image.columns() + step - 1) / step;
        int ny = (image.rows() + step - 1) / step;
        float[] values = new float[nx * ny];
        int n = 0;
        for (int y = 0; y < image.rows(); y += step) {
            for (int x = 0; x < image.columns(); x += step) {
                values[n++] = image.value(0, x, y);
            }
        }
        Arrays.sort(values, 0, n);
        return new double[] {values[index(low, n)], values[index(high, n)]};
    }

    private static int index(double percent, int n) {
        return (int) Math.clamp(Math.round(percent / 100 * (n - 1)), 0, n - 1);
    }
}
