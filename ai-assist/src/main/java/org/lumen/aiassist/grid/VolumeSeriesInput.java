// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.io.IOException;
import java.util.Objects;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/** A viewer {@link Volume} as inference input: slices come from the pixel cache, decoded when missing. */
public final class VolumeSeriesInput implements SeriesInput {

    private final Volume volume;
    private final String modality;
    private final Grid grid;

    public VolumeSeriesInput(Volume volume) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.modality = volume.frame(0).instance().series().modality();
        this.grid = Grid.of(volume.geometry());
    }

    @Override
    public String seriesUid() { return volume.plan().seriesUid(); }

    @Override
    public String modality() { return modality == null ? "" : modality; }

    @Override
    public Grid grid() { return grid; }

    @Override
    public void readSlice(int k, float[] into) throws IOException {
        VoxelSlice slice;
        try {
            slice = volume.slice(k);
        } catch (UnusableFileException e) {
            throw new IOException("slice " + k + " of series " + seriesUid() + " cannot be read: " + e.getMessage(), e);
        }
        int n = slice.columns() * slice.rows();
        switch (slice.type()) {
            case INT16 -> {
                short[] s = slice.shorts();
                for (int p = 0; p < n; p++) {
                    into[p] = s[p];
                }
            }
            case UINT16 -> {
                short[] s = slice.shorts();
                for (int p = 0; p < n; p++) {
                    into[p] = s[p] & 0xFFFF;
                }
            }
            case FLOAT32 -> System.arraycopy(slice.floats(), 0, into, 0, n);
            case RGB -> {
                for (int j = 0; j < slice.rows(); j++) {
                    for (int i = 0; i < slice.columns(); i++) {
                        into[j * slice.columns() + i] = (float) slice.value(i, j);
                    }
                }
            }
            default -> throw new IllegalStateException("unknown voxel type " + slice.type());
        }
    }
}
