// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The voxel dimensions of a phantom: columns × rows per slice, and slices. */
public record Size(int columns, int rows, int slices) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*");

    public Size {
        if (columns < 1 || rows < 1 || slices < 1) {
            throw new IllegalArgumentException("columns, rows and slices must be at least 1, were "
                    + columns + "x" + rows + "x" + slices);
        }
        // NIfTI-1 and DICOM (Rows/Columns are US) both limit a dimension; 32767 fits both.
        if (columns > Short.MAX_VALUE || rows > Short.MAX_VALUE || slices > Short.MAX_VALUE) {
            throw new IllegalArgumentException("each dimension must be at most " + Short.MAX_VALUE + ", was "
                    + columns + "x" + rows + "x" + slices);
        }
        if ((long) columns * rows * slices > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(columns + "x" + rows + "x" + slices + " has too many voxels for one label array");
        }
    }

    public static Size of(int columns, int rows, int slices) {
        return new Size(columns, rows, slices);
    }

    /**
     * Parses "COLUMNSxROWSxSLICES", for example "512x512x300".
     *
     * @throws IllegalArgumentException quoting the text when it is not of that form
     */
    public static Size parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("size must look like 512x512x300 (columns x rows x slices), was \"" + text + "\"");
        }
        return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public int pixelsPerSlice() { return columns * rows; }

    public int voxelCount() { return columns * rows * slices; }

    public int[] toArray() { return new int[] {columns, rows, slices}; }

    @Override
    public String toString() { return columns + "x" + rows + "x" + slices; }
}
