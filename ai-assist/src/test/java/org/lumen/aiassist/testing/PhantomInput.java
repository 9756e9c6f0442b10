// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.testing;

import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.VoxelGrid;

/** A phantom rendered in memory as inference input: no DICOM round trip, the same HU the files hold. */
public final class PhantomInput implements SeriesInput {

    private final String uid;
    private final PhantomVolume volume;
    private final Grid grid;

    public PhantomInput(String uid, PhantomVolume volume) {
        this.uid = uid;
        this.volume = volume;
        VoxelGrid g = volume.grid();
        this.grid = new Grid(g.size().columns(), g.size().rows(), g.size().slices(), g.origin(), g.columnStep(), g.rowStep(), g.sliceStep());
    }

    public static PhantomInput render(ChestCtSpec spec) {
        return new PhantomInput("phantom-" + spec.seed() + "-" + spec.size(), Phantoms.renderChestCt(spec));
    }

    public PhantomVolume volume() { return volume; }

    @Override public String seriesUid() { return uid; }

    @Override public String modality() { return "CT"; }

    @Override public Grid grid() { return grid; }

    @Override
    public void readSlice(int k, float[] into) {
        short[] values = volume.values();
        int n = grid.nx() * grid.ny();
        int base = k * n;
        for (int p = 0; p < n; p++) {
            into[p] = values[base + p];
        }
    }
}
