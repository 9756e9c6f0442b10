// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;

/**
 * A lesion planted in a 2D phantom image: a disc of {@code radiusPx} around ({@code column}, {@code row}), in pixel
 * units with (0, 0) the centre of the top-left pixel. For a calcification cluster the disc encloses all its members.
 *
 * @param image   index of the image it lies in, in the phantom's image order
 * @param members how many calcifications a cluster has; 1 for every other kind
 */
public record PlanarLesion(int image, String kind, double column, double row, double radiusPx, int members) {

    public static final String MASS = "mass";
    public static final String CALCIFICATION_CLUSTER = "calcification-cluster";
    public static final String MICROANEURYSM = "microaneurysm";
    public static final String HAEMORRHAGE = "haemorrhage";
    public static final String EXUDATE = "exudate";
    public static final String NODULE = "nodule";

    public PlanarLesion {
        Objects.requireNonNull(kind, "kind");
        if (!(radiusPx > 0)) {
            throw new IllegalArgumentException("a lesion's radius must be positive, was " + radiusPx);
        }
    }

    /** Whether this disc, grown by {@code gapPx}, overlaps another disc. */
    boolean overlaps(double otherColumn, double otherRow, double otherRadius, double gapPx) {
        double dx = column - otherColumn;
        double dy = row - otherRow;
        double reach = radiusPx + otherRadius + gapPx;
        return dx * dx + dy * dy < reach * reach;
    }
}
