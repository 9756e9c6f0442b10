// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/**
 * One item of the Sequence of Ultrasound Regions (0018,6011): a rectangle of the image (pixel
 * columns {@code minX..maxX}, rows {@code minY..maxY}, inclusive) with its own physical scale.
 *
 * @param unitsX  Physical Units X Direction (0018,6024): 3 is cm; others (seconds, cm/s, …) are not lengths
 * @param deltaX  Physical Delta X (0018,602C): physical units per pixel column
 */
public record UltrasoundRegion(int minX, int minY, int maxX, int maxY, int unitsX, int unitsY, double deltaX,
                               double deltaY) {

    /** Physical Units value for centimetres (PS3.3 C.8.5.5.1.15). */
    public static final int CENTIMETRE = 3;

    /** True when both axes are lengths (cm) with a positive delta, so distances in it are millimetres. */
    public boolean isSpatial() {
        return unitsX == CENTIMETRE && unitsY == CENTIMETRE && deltaX > 0 && deltaY > 0;
    }

    /** Whether the pixel position (column {@code x}, row {@code y}, continuous) lies in the region. */
    public boolean contains(double x, double y) {
        return x >= minX - 0.5 && x <= maxX + 0.5 && y >= minY - 0.5 && y <= maxY + 0.5;
    }

    /** Millimetres per pixel column (only meaningful when {@link #isSpatial()}). */
    public double mmPerColumn() {
        return deltaX * 10;
    }

    /** Millimetres per pixel row (only meaningful when {@link #isSpatial()}). */
    public double mmPerRow() {
        return deltaY * 10;
    }
}
