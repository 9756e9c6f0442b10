// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.io.IOException;

/**
 * A series as inference reads it: its grid, and one slice at a time of modality values (HU for
 * CT) as floats. The viewer's volumes, in-memory phantoms and NIfTI images all fit behind it.
 */
public interface SeriesInput {

    /** The Series Instance UID (or another stable id): part of the result cache key. */
    String seriesUid();

    /** "CT", "MR", … */
    String modality();

    Grid grid();

    /**
     * Writes slice {@code k}'s modality values into {@code into}, element {@code i + nx·j}.
     *
     * @throws IOException naming the slice when it cannot be read
     */
    void readSlice(int k, float[] into) throws IOException;
}
