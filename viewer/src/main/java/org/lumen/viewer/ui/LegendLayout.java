// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

/**
 * Where a heatmap legend fits in a viewport: the right margin below the top-right corner texts and
 * above the right orientation letter (vertically centred), never over either. Full legend (name,
 * caution, colour bar with values) when the band is tall enough; otherwise the name with its
 * threshold and the caution as text lines; then the caution alone; in views too small for one line
 * beside the letter, nothing (the AI panel still says everything).
 *
 * @param top       y of the first line
 * @param barHeight height of the colour bar, 0 for text only
 */
record LegendLayout(double top, boolean showsName, boolean showsCaution, double barHeight) {

    /** The bottom of everything drawn: the last text line, or the bar and its low value's half line. */
    double bottom() {
        double lines = (showsName ? LINE : 0) + (showsCaution ? LINE : 0);
        return top + lines + (barHeight > 0 ? 4 + barHeight + LINE / 2 : 0);
    }

    /** Height of the top-right corner texts (three 12 px lines and their padding). */
    static final double CORNER_TEXT = 56;
    /** Half the height of an orientation letter (12 px text and padding), around the vertical centre. */
    static final double LETTER_HALF = 16;
    static final double LINE = 15;
    static final double RIGHT_MARGIN = 14;
    static final double MIN_BAR = 40;
    static final double MAX_BAR = 160;
    /** Below this width the bar's numbers would crowd the image: text lines only. */
    static final double MIN_WIDTH_FOR_BAR = 160;

    static LegendLayout of(double width, double height, boolean caution) {
        double top = CORNER_TEXT;
        double bottom = height / 2 - LETTER_HALF;
        double band = bottom - top;
        double text = LINE * (caution ? 2 : 1);
        double bar = Math.min(MAX_BAR, band - text - 4 - LINE / 2);
        if (bar >= MIN_BAR && width >= MIN_WIDTH_FOR_BAR) {
            return new LegendLayout(top, true, caution, bar);
        }
        if (band >= text) {
            return new LegendLayout(top, true, caution, 0);
        }
        if (caution && band >= LINE) {
            return new LegendLayout(top, false, true, 0);
        }
        return new LegendLayout(top, false, false, 0);
    }
}
