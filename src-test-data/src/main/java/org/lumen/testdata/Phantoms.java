// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.lumen.viewer.dicom.PixelEncoding;
import org.lumen.viewer.dicom.SeriesDescriptor;

/**
 * Generates synthetic DICOM phantoms with known ground truth. Each phantom goes into its own empty
 * (or new) folder: the DICOM files, {@code labels.nii.gz} (uint8 labels on the same grid) and
 * {@code ground-truth.json}. The same spec always produces byte-identical files.
 */
public final class Phantoms {

    private Phantoms() { }

    /**
     * A chest CT series, one file per slice (CT Image Storage), with nodules in the lungs.
     *
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     * @throws IllegalArgumentException when the spec's nodules do not fit in its grid's lungs
     */
    public static PhantomResult writeChestCt(Path outDir, ChestCtSpec spec) throws IOException {
        return writeChest(outDir, spec, "chest-ct", 1, "Chest CT phantom",
                (folder, renderer, series, identity, labels) -> new SliceSeriesWriter().write(folder, renderer, series, identity, labels));
    }

    /**
     * The chest CT phantom as one Enhanced CT Image (multi-frame, one frame per slice). Use
     * {@link ChestCtSpec#multiFrameBuilder()} for a small default grid.
     *
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     * @throws IllegalArgumentException when the spec's nodules do not fit in its grid's lungs
     */
    public static PhantomResult writeMultiFrame(Path outDir, ChestCtSpec spec) throws IOException {
        return writeChest(outDir, spec, "chest-ct-multiframe", 2, "Enhanced chest CT phantom",
                (folder, renderer, series, identity, labels) -> List.of(new MultiFrameWriter().write(folder, renderer, series, identity, labels)));
    }

    /**
     * A one-image localizer (Image Type LOCALIZER, series number 0) of the chest CT phantom of {@code spec}, in the
     * same patient, study and frame of reference as {@link #writeChestCt} writes for that spec: put both folders under
     * one parent to have a study with a scout, as scanners send it.
     *
     * @return the localizer's file
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     */
    public static Path writeChestScout(Path outDir, ChestCtSpec spec) throws IOException {
        ChestCtPhantom phantom = ChestCtPhantom.create(Objects.requireNonNull(spec, "spec"));
        PhantomIdentity identity = new PhantomIdentity("chest-ct", spec.seed(), spec);
        SeriesDescriptor series = PhantomSeries.chestCt(spec, identity, 1, "Chest CT phantom");
        Path folder = OutputFolder.prepare(outDir);
        SliceRenderer renderer = chestRenderer(phantom, phantom.grid(), series.encoding(), spec);
        return new ScoutWriter().write(folder, renderer, series, identity);
    }

    /** How a chest phantom's slices become files: one per slice, or one multi-frame object. */
    @FunctionalInterface
    private interface ChestFiles {
        List<Path> write(Path folder, SliceRenderer renderer, SeriesDescriptor series, PhantomIdentity identity, byte[] labels)
                throws IOException;
    }

    private static PhantomResult writeChest(Path outDir, ChestCtSpec spec, String kind, int seriesNumber, String description,
                                            ChestFiles files) throws IOException {
        ChestCtPhantom phantom = ChestCtPhantom.create(Objects.requireNonNull(spec, "spec"));
        PhantomIdentity identity = new PhantomIdentity(kind, spec.seed(), spec);
        SeriesDescriptor series = PhantomSeries.chestCt(spec, identity, seriesNumber, description);
        Path folder = OutputFolder.prepare(outDir);
        VoxelGrid grid = phantom.grid();
        byte[] labels = new byte[grid.size().voxelCount()];
        SliceRenderer renderer = chestRenderer(phantom, grid, series.encoding(), spec);
        List<Path> written = files.write(folder, renderer, series, identity, labels);
        return PhantomOutput.finish(folder, identity.kind(), spec.seed(), grid, phantom, series, spec.noiseSigmaHu(),
                written, labels, phantom.nodules());
    }

    /**
     * A CT series acquired with a gantry tilt and uneven slice gaps, with one marker sphere at a known
     * patient point ({@link TiltedStackSpec#fourThenSevenMm()} is the GE-like 4 mm then 7 mm stack).
     *
     * @return the files in slice order
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     */
    public static List<Path> writeTiltedIrregularCt(Path outDir, TiltedStackSpec spec) throws IOException {
        return TiltedStackPhantom.write(outDir, Objects.requireNonNull(spec, "spec"));
    }

    /**
     * A T1-like head MR series (MR Image Storage, unsigned 12-bit, no rescale), sagittal by default.
     *
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     */
    public static PhantomResult writeMrSeries(Path outDir, HeadMrSpec spec) throws IOException {
        HeadMrPhantom phantom = HeadMrPhantom.create(Objects.requireNonNull(spec, "spec"));
        PhantomIdentity identity = new PhantomIdentity("head-mr", spec.seed(), spec);
        SeriesDescriptor series = PhantomSeries.headMr(spec, identity);
        Path folder = OutputFolder.prepare(outDir);
        VoxelGrid grid = phantom.grid();
        byte[] labels = new byte[grid.size().voxelCount()];
        SliceRenderer renderer = renderer(phantom, grid, series.encoding(), spec.noiseSigma(), spec.seed());
        List<Path> files = new SliceSeriesWriter().write(folder, renderer, series, identity, labels);
        return PhantomOutput.finish(folder, identity.kind(), spec.seed(), grid, phantom, series, spec.noiseSigma(),
                files, labels, List.of());
    }

    /** The chest CT phantom in memory, in HU: exactly the values {@link #writeChestCt} stores. */
    public static PhantomVolume renderChestCt(ChestCtSpec spec) {
        ChestCtPhantom phantom = ChestCtPhantom.create(Objects.requireNonNull(spec, "spec"));
        return render(chestRenderer(phantom, phantom.grid(), PhantomSeries.CT_ENCODING, spec));
    }

    /** The head MR phantom in memory: exactly the values {@link #writeMrSeries} stores. */
    public static PhantomVolume renderHeadMr(HeadMrSpec spec) {
        HeadMrPhantom phantom = HeadMrPhantom.create(Objects.requireNonNull(spec, "spec"));
        return render(renderer(phantom, phantom.grid(), PhantomSeries.MR_ENCODING, spec.noiseSigma(), spec.seed()));
    }

    private static SliceRenderer chestRenderer(ChestCtPhantom phantom, VoxelGrid grid, PixelEncoding encoding, ChestCtSpec spec) {
        return new SliceRenderer(phantom, grid, encoding, spec.noiseSigmaHu(), spec.seed(), spec.noiseCorrelationMm() / spec.pixelSpacingMm(),
                spec.partialVolume() ? ChestCtSpec.PARTIAL_VOLUME_SAMPLES : 1);
    }

    private static SliceRenderer renderer(VoxelModel model, VoxelGrid grid, PixelEncoding encoding, double noiseSigma,
                                          long seed) {
        return new SliceRenderer(model, grid, encoding, noiseSigma, seed);
    }

    private static PhantomVolume render(SliceRenderer renderer) {
        VoxelGrid grid = renderer.grid();
        int pixels = grid.size().pixelsPerSlice();
        short[] values = new short[grid.size().voxelCount()];
        byte[] labels = new byte[values.length];
        ParallelSlices.forEach(grid.size().slices(), k -> {
            short[] slice = new short[pixels];
            renderer.render(k, slice, labels, k * pixels);
            System.arraycopy(slice, 0, values, k * pixels, pixels);
        });
        return new PhantomVolume(grid, values, labels);
    }
}
