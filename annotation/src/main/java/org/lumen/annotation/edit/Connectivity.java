// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/** Which neighbours of a voxel (or plane pixel) belong to the same region. */
public enum Connectivity {
    /** In-plane edge neighbours. */
    FOUR(2, 1),
    /** In-plane edge and corner neighbours. */
    EIGHT(2, 2),
    /** 3D face neighbours. */
    SIX(3, 1),
    /** 3D face and edge neighbours. */
    EIGHTEEN(3, 2),
    /** 3D face, edge and corner neighbours. */
    TWENTY_SIX(3, 3);

    private final int dims;
    private final int[][] offsets;

    Connectivity(int dims, int maxNonZero) {
        this.dims = dims;
        java.util.List<int[]> list = new java.util.ArrayList<>();
        for (int c = dims == 3 ? -1 : 0; c <= (dims == 3 ? 1 : 0); c++) {
            for (int b = -1; b <= 1; b++) {
                for (int a = -1; a <= 1; a++) {
                    int nonZero = (a != 0 ? 1 : 0) + (b != 0 ? 1 : 0) + (c != 0 ? 1 : 0);
                    if (nonZero > 0 && nonZero <= maxNonZero) {
                        list.add(new int[] {a, b, c});
                    }
                }
            }
        }
        this.offsets = list.toArray(int[][]::new);
    }

    /** True for the in-plane kinds (4 and 8). */
    public boolean isPlanar() { return dims == 2; }

    /** The in-plane kind this one reduces to on a single plane. */
    public Connectivity inPlane() {
        return switch (this) {
            case FOUR, SIX -> FOUR;
            case EIGHT, EIGHTEEN, TWENTY_SIX -> EIGHT;
        };
    }

    /** Neighbour offsets {da, db, dc}. */
    int[][] offsets() { return offsets; }
}
