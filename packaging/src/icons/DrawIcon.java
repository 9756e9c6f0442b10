// SPDX-License-Identifier: Apache-2.0
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws Lumen's application icon (lumen.png, 256x256): an axial CT slice — body outline, two lungs and
 * a bright nodule — on a dark rounded square. Run once with {@code java DrawIcon.java lumen.png}; the PNG
 * is committed, this file is how it was made.
 */
public class DrawIcon {
    public static void main(String[] args) throws Exception {
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x14, 0x1c, 0x2b));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 56, 56));
        g.setColor(new Color(0x9a, 0xa4, 0xb2));
        g.fill(new Ellipse2D.Double(34, 58, 188, 140));
        g.setColor(new Color(0x1e, 0x26, 0x36));
        g.fill(new Ellipse2D.Double(56, 78, 66, 100));
        g.fill(new Ellipse2D.Double(134, 78, 66, 100));
        g.setColor(new Color(0xe8, 0xee, 0xf4));
        g.fill(new Ellipse2D.Double(116, 150, 24, 24));
        g.setColor(new Color(0xff, 0xc8, 0x3c));
        g.fill(new Ellipse2D.Double(150, 104, 18, 18));
        g.setStroke(new BasicStroke(5f));
        g.draw(new Ellipse2D.Double(140, 94, 38, 38));
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
