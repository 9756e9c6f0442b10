// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

/**
 * How a heatmap is drawn: values below {@code threshold} are transparent; values from
 * {@code low} to {@code high} run through the colour map; {@code opacity} is the alpha of the
 * strongest value (weaker values fade in from half of it, so the image stays readable).
 */
public record HeatmapStyle(Colormap colormap, double opacity, double threshold, double low, double high) {

    public HeatmapStyle {
        if (!(high > low)) {
            throw new IllegalArgumentException("heatmap range must have high > low, was " + low + ".." + high);
        }
        opacity = Math.clamp(opacity, 0, 1);
    }

    /** Probabilities: 0..1, hot colours, 0.5 threshold, 60 % opacity. */
    public static HeatmapStyle probability(double threshold) {
        return new HeatmapStyle(Colormap.HOT, 0.6, threshold, 0, 1);
    }

    public HeatmapStyle withThreshold(double t) {
        return new HeatmapStyle(colormap, opacity, t, low, high);
    }

    public HeatmapStyle withOpacity(double o) {
        return new HeatmapStyle(colormap, o, threshold, low, high);
    }

    public HeatmapStyle withColormap(Colormap c) {
        return new HeatmapStyle(c, opacity, threshold, low, high);
    }

    /** Premultiplied ARGB for one value; 0 (transparent) below the threshold or for NaN. */
    public int premultipliedArgb(float value) {
        if (!(value >= threshold)) {
            return 0;
        }
        double t = Math.clamp((value - low) / (high - low), 0, 1);
        double alpha = opacity * (0.5 + 0.5 * t);
        return premultiply(colormap.argb(t), alpha);
    }

    static int premultiply(int argb, double alpha) {
        int a = (int) Math.round(alpha * 255);
        int r = (argb >> 16 & 0xFF) * a / 255;
        int g = (argb >> 8 & 0xFF) * a / 255;
        int b = (argb & 0xFF) * a / 255;
        return a << 24 | r << 16 | g << 8 | b;
    }
}
