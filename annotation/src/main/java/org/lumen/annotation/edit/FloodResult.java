// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/**
 * What a flood fill did. Only {@link Outcome#FILLED} changes the mask; a region that grows past the
 * bound changes nothing, since a fill that leaked into the lung and stopped somewhere is no label.
 *
 * @param regionVoxels  voxels of the connected region (for LIMIT_REACHED: the bound plus one, where it stopped)
 * @param changedVoxels voxels whose label changed (region voxels may already carry the label)
 */
public record FloodResult(Outcome outcome, long regionVoxels, long changedVoxels, String message) {

    public enum Outcome {
        /** The region was found and painted. */
        FILLED,
        /** The region grew past the bound; nothing was painted. */
        LIMIT_REACHED,
        /** The seed lies outside the grid; nothing was painted. */
        SEED_OUTSIDE,
        /** The seed's value is outside the range, or its label may not be painted over; nothing was painted. */
        SEED_REJECTED
    }

    public boolean filled() {
        return outcome == Outcome.FILLED;
    }
}
