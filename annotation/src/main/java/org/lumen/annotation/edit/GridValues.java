// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/** The grid part of the {@link VoxelValues} implementations, and the same-grid check tools make. */
abstract class GridValues implements VoxelValues {

    private final int columns;
    private final int rows;
    private final int slices;

    GridValues(int columns, int rows, int slices) {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + columns + "x" + rows + "x" + slices);
        }
        this.columns = columns;
        this.rows = rows;
        this.slices = slices;
    }

    @Override
    public int columns() { return columns; }

    @Override
    public int rows() { return rows; }

    @Override
    public int slices() { return slices; }

    /** Checks that {@code values} lie on the same grid as {@code editor}'s mask. */
    static void requireSameGrid(VoxelValues values, MaskEditor editor) {
        if (values.columns() != editor.columns() || values.rows() != editor.rows() || values.slices() != editor.slices()) {
            throw new IllegalArgumentException("the values are on a " + values.columns() + "x" + values.rows() + "x"
                    + values.slices() + " grid, the mask on " + editor.columns() + "x" + editor.rows() + "x" + editor.slices());
        }
    }
}
