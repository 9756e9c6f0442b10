// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

/** Colour scales for heatmaps, as 256-entry ARGB tables (opaque; the renderer applies opacity). */
public enum Colormap {
    /** Black-body: dark red through orange to white; reads well over greyscale CT. */
    HOT(new int[][] {{0, 0x600000}, {96, 0xD01000}, {176, 0xFF9000}, {232, 0xFFE060}, {255, 0xFFFFFF}}),
    /** Perceptually uniform, colour-blind safe (viridis control points). */
    VIRIDIS(new int[][] {{0, 0x440154}, {64, 0x3B528B}, {128, 0x21908C}, {192, 0x5DC863}, {255, 0xFDE725}}),
    /** Blue to red through white: for signed maps such as occlusion sensitivity. */
    DIVERGING(new int[][] {{0, 0x2166AC}, {96, 0x92C5DE}, {128, 0xF7F7F7}, {160, 0xF4A582}, {255, 0xB2182B}});

    private final int[] table = new int[256];

    Colormap(int[][] stops) {
        for (int s = 0; s < stops.length - 1; s++) {
            int from = stops[s][0];
            int to = stops[s + 1][0];
            for (int i = from; i <= to; i++) {
                double t = to == from ? 0 : (double) (i - from) / (to - from);
                table[i] = 0xFF000000 | mix(stops[s][1], stops[s + 1][1], t);
            }
        }
    }

    /** The opaque ARGB colour of position {@code t} in [0, 1]. */
    public int argb(double t) {
        return table[(int) Math.round(Math.clamp(t, 0, 1) * 255)];
    }

    /** The 256 colours, low to high. */
    public int[] table() {
        return table.clone();
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round((a >> 16 & 0xFF) * (1 - t) + (b >> 16 & 0xFF) * t);
        int g = (int) Math.round((a >> 8 & 0xFF) * (1 - t) + (b >> 8 & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return r << 16 | g << 8 | bl;
    }
}
