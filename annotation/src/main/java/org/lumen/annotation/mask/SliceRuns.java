// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.mask;

import java.util.Arrays;
import java.util.Objects;

/**
 * One mask slice as runs of equal labels along its rows: the snapshot the autosave takes of a slice
 * a step changed. A brush stroke's slice is a few hundred runs, so taking it costs a scan of the slice
 * but no copy of it (a 512×512 copy is 256 KiB per slice, and allocating those on every stroke is
 * what made saves slow at the 95th percentile). Immutable; {@link MaskCodec} writes it as it is.
 */
public final class SliceRuns {

    private final int voxels;
    private final byte[] labels;
    private final int[] lengths;

    private SliceRuns(int voxels, byte[] labels, int[] lengths) {
        this.voxels = voxels;
        this.labels = labels;
        this.lengths = lengths;
    }

    /** The runs of {@code plane} (row-major labels of {@code voxels} voxels); null is an empty slice. */
    public static SliceRuns of(byte[] plane, int voxels) {
        if (voxels <= 0) {
            throw new IllegalArgumentException("a slice has at least one voxel, not " + voxels);
        }
        if (plane == null) {
            return new SliceRuns(voxels, new byte[] {0}, new int[] {voxels});
        }
        if (plane.length != voxels) {
            throw new IllegalArgumentException("the slice needs " + voxels + " labels, not " + plane.length);
        }
        int count = 0;
        for (int p = 0; p < plane.length; p = MaskCodec.runEnd(plane, p)) {
            count++;
        }
        byte[] labels = new byte[count];
        int[] lengths = new int[count];
        int r = 0;
        for (int p = 0; p < plane.length; ) {
            int q = MaskCodec.runEnd(plane, p);
            labels[r] = plane[p];
            lengths[r++] = q - p;
            p = q;
        }
        return new SliceRuns(voxels, labels, lengths);
    }

    /** Voxels in the slice (the run lengths' sum). */
    public int voxels() { return voxels; }

    public int runs() { return labels.length; }

    public byte label(int run) { return labels[run]; }

    public int length(int run) { return lengths[run]; }

    /** Whether every voxel is 0 (the slice is cleared). */
    public boolean isEmpty() {
        return labels.length == 1 && labels[0] == 0;
    }

    /** The slice as row-major labels, or null when it is empty. */
    public byte[] toPlane() {
        if (isEmpty()) {
            return null;
        }
        byte[] plane = new byte[voxels];
        int p = 0;
        for (int r = 0; r < labels.length; r++) {
            Arrays.fill(plane, p, p + lengths[r], labels[r]);
            p += lengths[r];
        }
        return plane;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceRuns other && voxels == other.voxels && Arrays.equals(labels, other.labels)
                && Arrays.equals(lengths, other.lengths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(voxels, Arrays.hashCode(labels), Arrays.hashCode(lengths));
    }

    @Override
    public String toString() {
        return "SliceRuns[" + runs() + " runs over " + voxels + " voxels]";
    }
}
