// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.Map;
import java.util.Set;

/**
 * How a label volume is drawn: a colour per label (opaque RGB), hidden labels, the fill opacity,
 * and whether to draw the outline only (the boundary pixels, fully opaque) instead of the fill.
 */
public record LabelStyle(Map<Integer, Integer> colours, Set<Integer> hidden, double opacity, boolean outline) {

    /** A colour for labels without one: a fixed, distinguishable palette. */
    private static final int[] PALETTE = {0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0, 0xF032E6};

    public LabelStyle {
        colours = Map.copyOf(colours);
        hidden = Set.copyOf(hidden);
        opacity = Math.clamp(opacity, 0, 1);
    }

    public static LabelStyle filled(Map<Integer, Integer> colours) {
        return new LabelStyle(colours, Set.of(), 0.45, false);
    }

    public LabelStyle withOutline(boolean on) {
        return new LabelStyle(colours, hidden, opacity, on);
    }

    public LabelStyle withOpacity(double o) {
        return new LabelStyle(colours, hidden, o, outline);
    }

    public LabelStyle withHidden(Set<Integer> labels) {
        return new LabelStyle(colours, labels, opacity, outline);
    }

    public int rgbOf(int label) {
        Integer c = colours.get(label);
        return c != null ? c & 0xFFFFFF : PALETTE[(label - 1) % PALETTE.length];
    }

    /** Premultiplied ARGB of a label's fill, or its outline when {@code edge}; 0 for none or hidden. */
    public int premultipliedArgb(int label, boolean edge) {
        if (label == 0 || hidden.contains(label) || outline && !edge) {
            return 0;
        }
        return HeatmapStyle.premultiply(0xFF000000 | rgbOf(label), outline || edge ? Math.max(opacity, 0.9) : opacity);
    }
}
