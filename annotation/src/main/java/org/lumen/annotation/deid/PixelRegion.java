// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

/** A rectangle of an image, in pixels from its top-left corner, blanked where burned-in text would be. */
public record PixelRegion(int x, int y, int width, int height) {

    public PixelRegion {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a masked region needs x, y ≥ 0 and a width and height > 0, not " + x + "," + y + ","
                    + width + "," + height);
        }
    }

    /** {@code X,Y,WIDTH,HEIGHT}, as on the command line. */
    public static PixelRegion parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("a masked region is X,Y,WIDTH,HEIGHT in pixels (e.g. 0,0,640,60), not '" + text + "'");
        }
        try {
            return new PixelRegion(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()),
                    Integer.parseInt(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a masked region is X,Y,WIDTH,HEIGHT in whole pixels, not '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return x + "," + y + "," + width + "," + height;
    }
}
