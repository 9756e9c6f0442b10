// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

/**
 * One 2D image (a single image or one frame of a multi-frame object) as the 2D pipeline reads it:
 * its size, 1 (greyscale) or 3 (R, G, B) channels, and values per pixel. Greyscale values are
 * modality values with MONOCHROME1 already inverted (higher is brighter, as shown); colour values
 * are 0–255 RGB (YBR images arrive converted by the decoder). Pixel (column, row) has its centre at
 * (column, row): the coordinates findings are given in. Implementations keep the pixels in memory
 * once; the pipeline samples them tile by tile, so a 4664×3064 mammogram is never copied whole.
 */
public interface PlanarImage {

    int columns();

    int rows();

    /** 1 or 3. */
    int channels();

    /** The value of {@code channel} at ({@code column}, {@code row}); both within the image. */
    float value(int channel, int column, int row);

    /** {@code count} values of a row from column {@code column} on, into {@code into} from 0; all within the image. */
    default void readRow(int channel, int row, int column, int count, float[] into) {
        for (int i = 0; i < count; i++) {
            into[i] = value(channel, column + i, row);
        }
    }
}
