// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.io.IOException;
import java.util.Objects;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A viewer {@link Volume} as inference input: slices come from the pixel cache, decoded when missing.
 * A regular volume is read as it is. An irregular stack (uneven gaps, missing slices) is read on the
 * evenly spaced grid over its true extent ({@link VolumeGeometry#uniform()}): each of its slices is
 * the linear blend of the two stored slices around its true position, so a model never sees slices
 * stacked closer or farther than they were acquired (ADR 0014).
 */
public final class VolumeSeriesInput implements SeriesInput {

    private final Volume volume;
    private final VolumeGeometry geometry;
    private final String modality;
    private final Grid grid;

    public VolumeSeriesInput(Volume volume) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.geometry = volume.geometry();
        this.modality = volume.frame(0).instance().series().modality();
        this.grid = Grid.of(geometry);
    }

    @Override
    public String seriesUid() { return volume.plan().seriesUid(); }

    @Override
    public String modality() { return modality == null ? "" : modality; }

    /** The series' grid, or for an irregular stack the evenly spaced grid over its true extent. */
    @Override
    public Grid grid() { return grid; }

    /** The stored slices' geometry, for mapping results on {@link #grid()} back onto them. */
    public VolumeGeometry geometry() { return geometry; }

    @Override
    public void readSlice(int k, float[] into) throws IOException {
        if (geometry.isRegular()) {
            read(k, into);
            return;
        }
        int n = geometry.slices();
        double stored = Math.clamp(geometry.storedSliceAtUniform(k), 0, n - 1);
        int k0 = Math.min((int) stored, n - 2);
        float f = (float) (stored - k0);
        int plane = geometry.columns() * geometry.rows();
        float[] lower = new float[plane];
        float[] upper = new float[plane];
        read(k0, lower);
        if (f != 0) {
            read(k0 + 1, upper);
        }
        Vec3 offset = geometry.offsetFromLine(stored);
        double di = offset.dot(geometry.rowDirection()) / geometry.columnSpacing();
        double dj = offset.dot(geometry.columnDirection()) / geometry.rowSpacing();
        if (Math.abs(di) < 1e-6 && Math.abs(dj) < 1e-6) {
            for (int p = 0; p < plane; p++) {
                into[p] = f == 0 ? lower[p] : lower[p] + (upper[p] - lower[p]) * f;
            }
            return;
        }
        // The stored slices lie beside the straight line: uniform voxel (i, j) is stored voxel (i - di, j - dj).
        InPlane.shiftBlend(lower, f == 0 ? lower : upper, f, geometry.columns(), geometry.rows(), -di, -dj, into);
    }

    private void read(int k, float[] into) throws IOException {
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
