// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How a 2D image's pixel values become model input ({@code image.normalisation} of a card):
 * <ul>
 *   <li>{@code window}: [low, high] onto [0, 1], clipped (greyscale; the values are the image's modality values);</li>
 *   <li>{@code percentileWindow}: the same with low and high taken as percentiles of the image's own values
 *       (radiographs and mammograms, whose raw ranges differ by detector);</li>
 *   <li>{@code channelMeanStd}: per channel {@code (v·scale − mean[c]) / std[c]} (ImageNet style: scale 1/255);</li>
 *   <li>{@code none}: values as they are.</li>
 * </ul>
 */
public record ImageNormalisation(Kind kind, double low, double high, double scale, double[] mean, double[] std) {

    public enum Kind { WINDOW, PERCENTILE_WINDOW, CHANNEL_MEAN_STD, NONE }

    public ImageNormalisation {
        Objects.requireNonNull(kind, "kind");
        mean = mean == null ? new double[0] : mean.clone();
        std = std == null ? new double[0] : std.clone();
        if ((kind == Kind.WINDOW || kind == Kind.PERCENTILE_WINDOW) && !(high > low)) {
            throw new IllegalArgumentException("a window needs high above low, was " + low + " to " + high);
        }
        if (kind == Kind.PERCENTILE_WINDOW && (low < 0 || high > 100)) {
            throw new IllegalArgumentException("percentiles lie between 0 and 100, were " + low + " and " + high);
        }
        if (kind == Kind.CHANNEL_MEAN_STD) {
            if (mean.length == 0 || mean.length != std.length) {
                throw new IllegalArgumentException("channelMeanStd needs one mean and one std per channel");
            }
            for (double s : std) {
                if (!(s > 0)) {
                    throw new IllegalArgumentException("every std must be positive, were " + Arrays.toString(std));
                }
            }
            if (!(scale > 0)) {
                throw new IllegalArgumentException("scale must be positive, was " + scale);
            }
        }
    }

    public static ImageNormalisation window(double low, double high) {
        return new ImageNormalisation(Kind.WINDOW, low, high, 1, null, null);
    }

    public static ImageNormalisation percentileWindow(double lowPercent, double highPercent) {
        return new ImageNormalisation(Kind.PERCENTILE_WINDOW, lowPercent, highPercent, 1, null, null);
    }

    public static ImageNormalisation channelMeanStd(double scale, double[] mean, double[] std) {
        return new ImageNormalisation(Kind.CHANNEL_MEAN_STD, Double.NaN, Double.NaN, scale, mean, std);
    }

    public static ImageNormalisation none() {
        return new ImageNormalisation(Kind.NONE, Double.NaN, Double.NaN, 1, null, null);
    }

    @Override
    public double[] mean() { return mean.clone(); }

    @Override
    public double[] std() { return std.clone(); }

    public String describe() {
        return switch (kind) {
            case WINDOW -> "window [" + IntendedUse.num(low) + ", " + IntendedUse.num(high) + "] to [0, 1]";
            case PERCENTILE_WINDOW -> "the image's percentiles " + IntendedUse.num(low) + " to " + IntendedUse.num(high) + " to [0, 1]";
            case CHANNEL_MEAN_STD -> String.format(Locale.ROOT, "per channel (v x %s - mean %s) / std %s", IntendedUse.num(scale),
                    Arrays.toString(mean), Arrays.toString(std));
            case NONE -> "none";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageNormalisation n && kind == n.kind && Double.compare(low, n.low) == 0 && Double.compare(high, n.high) == 0
                && Double.compare(scale, n.scale) == 0 && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, low, high, scale, Arrays.hashCode(mean), Arrays.hashCode(std));
    }
}
