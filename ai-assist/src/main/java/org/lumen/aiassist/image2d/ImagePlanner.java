// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Locale;
import org.lumen.aiassist.model.ImageContract;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.model.InputContract;

/**
 * Decides how an image meets a model: the flip the card's orientation rule asks for, and the scale
 * and offset of its fit ({@link ImageContract.Fit}).
 */
public final class ImagePlanner {

    /** The share of the columns at each edge compared when the header does not say where the chest wall is. */
    static final double EDGE_SHARE = 0.1;

    private ImagePlanner() { }

    public static ImageTransform plan(PlanarImage image, ImageFacts facts, ImageContract contract, InputContract input) {
        int w = image.columns();
        int h = image.rows();
        int pw = input.patch(0);
        int ph = input.patch(1);
        boolean flip = switch (contract.orient()) {
            case NONE -> false;
            case CHEST_WALL_LEFT -> chestWallSide(image, facts) == Side.RIGHT;
            case CHEST_WALL_RIGHT -> chestWallSide(image, facts) == Side.LEFT;
        };
        return switch (contract.fit()) {
            case LETTERBOX -> {
                double s = Math.min(pw / (double) w, ph / (double) h);
                yield new ImageTransform(w, h, flip, s, s, (pw - w * s) / 2, (ph - h * s) / 2, pw, ph);
            }
            case STRETCH -> new ImageTransform(w, h, flip, pw / (double) w, ph / (double) h, 0, 0, pw, ph);
            case CENTRE_CROP -> {
                double s = Math.max(pw / (double) w, ph / (double) h);
                yield new ImageTransform(w, h, flip, s, s, (pw - w * s) / 2, (ph - h * s) / 2, pw, ph);
            }
            case TILE -> {
                double s = 1 / contract.downsample();
                yield new ImageTransform(w, h, flip, s, s, 0, 0, (int) Math.ceil(w * s), (int) Math.ceil(h * s));
            }
        };
    }

    /** Which side of the image the chest wall is on. */
    public enum Side { LEFT, RIGHT }

    /**
     * Where the chest wall is: from Patient Orientation when the file gives it (its first value is the
     * direction of increasing column: toward anterior puts the chest wall, posterior, at column 0), else
     * from the image itself: the breast touches the chest-wall edge, so that edge's columns are brighter
     * than the opposite edge's, which mostly show air.
     */
    public static Side chestWallSide(PlanarImage image, ImageFacts facts) {
        String po = facts == null || facts.patientOrientation() == null ? "" : facts.patientOrientation().strip().toUpperCase(Locale.ROOT);
        String rowDirection = po.contains("\\") ? po.substring(0, po.indexOf('\\')) : "";
        if (rowDirection.contains("A") && !rowDirection.contains("P")) {
            return Side.LEFT;
        }
        if (rowDirection.contains("P") && !rowDirection.contains("A")) {
            return Side.RIGHT;
        }
        int edge = Math.max(1, (int) Math.round(image.columns() * EDGE_SHARE));
        int rowStep = Math.max(1, image.rows() / 256);
        int colStep = Math.max(1, edge / 32);
        double left = 0;
        double right = 0;
        for (int y = 0; y < image.rows(); y += rowStep) {
            for (int x = 0; x < edge; x += colStep) {
                for (int c = 0; c < image.channels(); c++) {
                    left += image.value(c, x, y);
                    right += image.value(c, image.columns() - 1 - x, y);
                }
            }
        }
        return left >= right ? Side.LEFT : Side.RIGHT;
    }
}
