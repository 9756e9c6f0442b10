// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.ai;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.lumen.aiassist.image2d.Heatmap2D;
import org.lumen.aiassist.image2d.ImageFinding;
import org.lumen.aiassist.image2d.PlanarImage;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.overlay.Colormap;

/**
 * A 2D heatmap as a picture a person reads: the image (greyscale windowed to its 1st–99.5th percentile, or its
 * colours), the map over it in the hot colour scale where it is above a tenth of its range, the findings' boxes, and a
 * legend beside it (the map's class and kind, the colour bar with its values and the threshold, the model, and the
 * caution when the run was outside the model's intended use or the model is a demonstration). Images larger than
 * {@value #MAX_SIDE} pixels are shown scaled down by a whole factor; the float map file keeps every value.
 */
public final class HeatmapPicture {

    static final int MAX_SIDE = 1600;
    private static final int LEGEND_WIDTH = 190;
    private static final Colormap SCALE = Colormap.HOT;

    private HeatmapPicture() { }

    /**
     * @param lines the legend's lines under the colour bar (model, cautions)
     * @return the factor the image was scaled down by (1 when shown whole)
     */
    public static int write(Path target, PlanarImage image, Heatmap2D map, List<ImageFinding> findings, List<String> lines)
            throws IOException {
        int factor = Math.max(1, (int) Math.ceil(Math.max(image.columns(), image.rows()) / (double) MAX_SIDE));
        int w = image.columns() / factor;
        int h = image.rows() / factor;
        int height = Math.max(h, 320);
        BufferedImage picture = new BufferedImage(w + LEGEND_WIDTH, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = background(image, factor, w, h);
        double low = map.kind().equals("probability") ? 0 : Math.min(0, min(map.values()));
        double high = map.kind().equals("probability") ? 1 : Math.max(1e-9, map.max());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = (map.at(Math.min(image.columns() - 1, x * factor + factor / 2),
                        Math.min(image.rows() - 1, y * factor + factor / 2)) - low) / (high - low);
                if (t > 0.1) {
                    argb[y * w + x] = blend(argb[y * w + x], SCALE.argb(t), 0.25 + 0.4 * Math.min(1, t));
                }
            }
        }
        picture.setRGB(0, 0, w, h, argb, 0, w);
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x00E5FF));
            g.setStroke(new BasicStroke(2));
            for (ImageFinding f : findings) {
                double[] b = f.boxPx();
                int x0 = (int) Math.floor(b[0] / factor) - 2;
                int y0 = (int) Math.floor(b[1] / factor) - 2;
                g.drawRect(x0, y0, (int) Math.ceil((b[2] - b[0]) / factor) + 4, (int) Math.ceil((b[3] - b[1]) / factor) + 4);
            }
            legend(g, w, height, map, low, high, lines, factor);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(picture, "png", out)) {
                throw new IOException("no PNG writer for " + target);
            }
        });
        return factor;
    }

    private static void legend(Graphics2D g, int left, int height, Heatmap2D map, double low, double high, List<String> lines,
                               int factor) {
        g.setColor(new Color(0x202020));
        g.fillRect(left, 0, LEGEND_WIDTH, height);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        int x = left + 12;
        g.drawString(map.label(), x, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(map.kind() + (factor > 1 ? ", shown 1:" + factor : ""), x, 38);
        int barTop = 52;
        int barHeight = Math.min(160, height - 140);
        for (int k = 0; k < barHeight; k++) {
            double t = 1 - k / (double) (barHeight - 1);
            g.setColor(new Color(SCALE.argb(t)));
            g.fillRect(x, barTop + k, 18, 1);
        }
        g.setColor(Color.WHITE);
        g.drawString(number(high), x + 24, barTop + 8);
        g.drawString(number(low), x + 24, barTop + barHeight);
        if (map.threshold() > low && map.threshold() < high) {
            int ty = barTop + (int) Math.round((1 - (map.threshold() - low) / (high - low)) * (barHeight - 1));
            g.drawLine(x - 3, ty, x + 21, ty);
            g.drawString("threshold " + number(map.threshold()), x + 24, ty + 4);
        }
        g.drawString("below " + number(low + 0.1 * (high - low)) + ": not drawn", x, barTop + barHeight + 18);
        int y = barTop + barHeight + 38;
        for (String line : lines) {
            for (String part : wrap(line, g.getFontMetrics(), LEGEND_WIDTH - 2 * (x - left))) {
                g.drawString(part, x, y);
                y += 15;
            }
        }
    }

    /** Breaks a legend line at spaces (or anywhere, for one long word) so that no part runs past the legend's edge. */
    static List<String> wrap(String line, java.awt.FontMetrics metrics, int width) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (metrics.stringWidth(candidate) <= width) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                parts.add(current.toString());
                current.setLength(0);
            }
            while (metrics.stringWidth(word) > width && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && metrics.stringWidth(word.substring(0, cut)) > width) {
                    cut--;
                }
                parts.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            current.append(word);
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static int[] background(PlanarImage image, int factor, int w, int h) {
        int[] argb = new int[w * h];
        boolean colour = image.channels() >= 3;
        double[] range = colour ? new double[] {0, 255} : percentiles(image);
        double scale = 255 / Math.max(1e-9, range[1] - range[0]);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int column = x * factor + factor / 2;
                int row = y * factor + factor / 2;
                if (colour) {
                    int r = grey(image.value(0, column, row), range[0], scale);
                    int gr = grey(image.value(1, column, row), range[0], scale);
                    int b = grey(image.value(2, column, row), range[0], scale);
                    argb[y * w + x] = 0xFF000000 | r << 16 | gr << 8 | b;
                } else {
                    int v = grey(image.value(0, column, row), range[0], scale);
                    argb[y * w + x] = 0xFF000000 | v << 16 | v << 8 | v;
                }
            }
        }
        return argb;
    }

    /** The 1st and 99.5th percentiles of a sample of the image's values. */
    private static double[] percentiles(PlanarImage image) {
        int step = Math.max(1, (int) Math.sqrt((double) image.columns() * image.rows() / 250_000));
        float[] sample = new float[((image.columns() + step - 1) / step) * ((image.rows() + step - 1) / step)];
        int n = 0;
        for (int row = 0; row < image.rows(); row += step) {
            for (int column = 0; column < image.columns(); column += step) {
                sample[n++] = image.value(0, column, row);
            }
        }
        Arrays.sort(sample, 0, n);
        return new double[] {sample[(int) (0.01 * (n - 1))], sample[(int) (0.995 * (n - 1))]};
    }

    private static int grey(double value, double low, double scale) {
        return (int) Math.clamp(Math.round((value - low) * scale), 0, 255);
    }

    private static int blend(int under, int over, double alpha) {
        int r = (int) Math.round((under >> 16 & 0xFF) * (1 - alpha) + (over >> 16 & 0xFF) * alpha);
        int g = (int) Math.round((under >> 8 & 0xFF) * (1 - alpha) + (over >> 8 & 0xFF) * alpha);
        int b = (int) Math.round((under & 0xFF) * (1 - alpha) + (over & 0xFF) * alpha);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static double min(float[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == Math.rint(v) ? "%.0f" : "%.3g", v);
    }
}
