// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapPictureTest {

    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g.getFontMetrics();
    }

    @Test
    void aLegendLineWiderThanTheLegendIsBrokenAtSpacesAndNoPartRunsPastIt() {
        FontMetrics m = metrics();
        String line = "lumen-demo-fundus-lesions 1.1.0 outside its intended use";
        int width = m.stringWidth("lumen-demo-fundus-lesions") + 4;

        List<String> parts = HeatmapPicture.wrap(line, m, width);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(String.join(" ", parts)).isEqualTo(line);
        assertThat(parts).allSatisfy(p -> assertThat(m.stringWidth(p)).isLessThanOrEqualTo(width));
    }

    @Test
    void oneWordLongerThanTheLegendIsCutWithoutLosingACharacter() {
        FontMetrics m = metrics();
        String word = "sha256-1a8f606a0606e2b3c4d5e6f708192a3b4c5d6e7f";
        int width = m.stringWidth("sha256-1a8f606a");

        List<String> parts = HeatmapPicture.wrap(word, m, width);

        assertThat(String.join("", parts)).isEqualTo(word);
        assertThat(parts).allSatisfy(p -> assertThat(m.stringWidth(p)).isLessThanOrEqualTo(width));
    }

    @Test
    void aShortLineStaysOneLine() {
        assertThat(HeatmapPicture.wrap("grade: moderate", metrics(), 166)).containsExactly("grade: moderate");
    }
}
