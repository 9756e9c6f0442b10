// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.export.CaseImage;
import org.lumen.annotation.export.DatasetExport;
import org.lumen.annotation.export.ExportFormat;
import org.lumen.annotation.export.ExportRequest;
import org.lumen.annotation.export.ExportSummary;
import org.lumen.annotation.export.LabelledCases;
import org.lumen.annotation.export.SeriesVolumes;
import org.lumen.annotation.export.SplitFractions;
import org.lumen.annotation.mask.NiftiMasks;
import org.lumen.io.Folders;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.nifti.NiftiReader;
import org.lumen.viewer.nifti.NiftiWriter;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;

/**
 * Issue 12's export figure: a generated labelled dataset ({@code --export-cases}, default 50 chest CTs of
 * {@code --export-size}, default 512×512×100, 10 HU of noise) exported to nnU-Net, against baselines on the
 * same voxels in the same run: writing each case's image and label as plain {@code .nii} (no compression),
 * and the system's {@code gzip -1} of those files. Target: the export ≤ 1.5 × (plain write + gzip -1), with
 * the deflating spread over every core. Reports cases/s and the share of the export spent compressing.
 */
final class ExportFigures {

    static final double TARGET_RATIO = 1.5;

    private ExportFigures() { }

    static List<Measurement> run(Path root, Size size, int cases, Pools pools) throws Exception {
        Path data = dataset(root, size, cases);
        Path work = Files.createTempDirectory(root, "export-");
        List<Measurement> m = new ArrayList<>();
        try (Catalog catalog = Catalog.open(work.resolve("catalog.sqlite"))) {
            register(catalog, data, pools);
            SeriesVolumes volumes = new SeriesVolumes(catalog.studies(), new Indexer(pools.io(), pools.decodeThreads()),
                    new SeriesLoader(pools.decode(), pools.decodeThreads(), PixelCache.withDefaultBudget()));
            DatasetExport export = new DatasetExport(catalog, new KeyedIdentities(new byte[32]), volumes, pools.decode(),
                    pools.decodeThreads());
            System.err.printf(Locale.ROOT, "export: %d cases of %s to nnU-Net ...%n", cases, size);
            ExportSummary summary = export.run(new ExportRequest("bench", ExportFormat.NNUNET, work.resolve("nnunet"), 1,
                    SplitFractions.defaults(), 501), TaskContext.none());

            System.err.println("export: baselines on the same voxels (plain .nii, then gzip -1 of it) ...");
            double rawSeconds = 0;
            double gzipSeconds = 0;
            long rawBytes = 0;
            NiftiWriter plain = NiftiWriter.uncompressed();
            Path scratch = Files.createDirectories(work.resolve("baseline"));
            for (var member : catalog.datasets().members(catalog.datasets().byName("bench").orElseThrow().id())) {
                CaseImage image = volumes.load(member.seriesUid(), "case " + member.position(), TaskContext.none());
                byte[] labels = labels(catalog, member.seriesUid(), image.shorts().length);
                Path imageFile = scratch.resolve("image.nii");
                Path labelFile = scratch.resolve("label.nii");
                long t0 = System.nanoTime();
                plain.writeInt16(imageFile, image.nifti(), image.shorts(), "baseline");
                plain.writeLabels(labelFile, image.nifti(), labels, "baseline");
                long t1 = System.nanoTime();
                rawBytes += Files.size(imageFile) + Files.size(labelFile);
                gzip(imageFile, labelFile);
                long t2 = System.nanoTime();
                rawSeconds += (t1 - t0) / 1e9;
                gzipSeconds += (t2 - t1) / 1e9;
                Folders.deleteTree(scratch);
                Files.createDirectories(scratch);
            }
            double total = summary.totalSeconds();
            double baseline = rawSeconds + gzipSeconds;
            String cores = pools.decodeThreads() + " deflate threads";
            m.add(new Measurement("export: " + cases + " cases of " + size + " to nnU-Net (read DICOM, label, gzip, write)", total, "s",
                    "plain .nii write + gzip -1 of it, same voxels", baseline,
                    String.format(Locale.ROOT, "target ≤ %.1f×: %s; %.2f cases/s; %s", TARGET_RATIO,
                            total <= TARGET_RATIO * baseline ? "met" : "missed", cases / total, cores)));
            m.add(new Measurement("export: its compress + write stage alone", summary.writeSeconds(), "s",
                    "plain .nii write + gzip -1 of it, same voxels", baseline,
                    String.format(Locale.ROOT, "%.0f %% of the export; reading the DICOM series %.1f s", 100 * summary.writeSeconds() / total,
                            summary.loadSeconds())));
            double compressing = Math.max(0, summary.writeSeconds() - rawSeconds);
            m.add(new Measurement("export: share of its time spent compressing", 100 * compressing / total, "%",
                    null, null, String.format(Locale.ROOT, "(compress + write stage − plain write) / export; plain write %.1f s,"
                            + " gzip -1 %.1f s for %.0f MB", rawSeconds, gzipSeconds, rawBytes / 1e6)));
            m.add(new Measurement("export: cases per second", cases / total, "cases/s", "baseline: cases per second", cases / baseline,
                    null));
        } finally {
            Folders.deleteTree(work);
        }
        return m;
    }

    /** The case's mask as one array (the export renumbers its one class 1 → 1: the same bytes). */
    private static byte[] labels(Catalog catalog, String seriesUid, int voxels) {
        byte[] labels = new byte[voxels];
        for (var loaded : catalog.annotations().loadCase(seriesUid)) {
            if (loaded.head() != null && loaded.head().payload() instanceof MaskPayload mask) {
                int plane = mask.geometry().columns() * mask.geometry().rows();
                for (int k = 0; k < mask.geometry().slices(); k++) {
                    byte[] slice = mask.mask().sliceOrNull(k);
                    if (slice != null) {
                        System.arraycopy(slice, 0, labels, k * plane, plane);
                    }
                }
            }
        }
        return labels;
    }

    /** The system's gzip at level 1, one file after the other, as a user would run it. */
    private static void gzip(Path... files) throws IOException, InterruptedException {
        for (Path file : files) {
            Process p = new ProcessBuilder("gzip", "-1", "-f", file.toString()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("gzip -1 " + file + " failed");
            }
        }
    }

    /** The generated chest CTs, one patient each (seeds 1…N), made once under {@code root} and reused (the validation group too). */
    static Path dataset(Path root, Size size, int cases) throws IOException {
        Path dir = root.resolve("export-" + size + "-x" + cases);
        if (Files.exists(dir.resolve(".complete"))) {
            return dir;
        }
        Folders.deleteTree(dir);
        for (int n = 1; n <= cases; n++) {
            System.err.printf(Locale.ROOT, "export: generating case %d of %d (%s) ...%n", n, cases, size);
            Phantoms.writeChestCt(dir.resolve(String.format(Locale.ROOT, "case-%03d", n)), ChestCtSpec.builder().seed(n).size(size)
                    .sliceSpacingMm(2.5).noduleCount(3).noiseSigmaHu(10).build());
        }
        Files.createFile(dir.resolve(".complete"));
        return dir;
    }

    /** Indexes the cases and registers each phantom's nodules as its mask, in dataset "bench". */
    static void register(Catalog catalog, Path data, Pools pools) throws Exception {
        DicomIndex index = new Indexer(pools.io(), pools.decodeThreads()).index(new FolderSource(data), TaskContext.none());
        catalog.studies().upsert(index, data.toString());
        DatasetRecord dataset = catalog.datasets().create("bench", null, null);
        catalog.labelClasses().define(dataset.id(), "nodule", "#E6194B", LabelType.MASK, 1, null);
        long author = catalog.people().ensure("bench", true, false).id();
        List<Path> folders;
        try (var list = Files.list(data)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        NiftiReader reader = new NiftiReader();
        for (Path folder : folders) {
            var truth = org.lumen.testdata.GroundTruthFiles.read(folder.resolve("ground-truth.json"));
            var series = index.seriesByUid(truth.seriesInstanceUid()).orElseThrow();
            var geometry = new StackPlanner().plan(series).geometry();
            var mask = NiftiMasks.onGrid(reader.read(folder.resolve("labels.nii.gz")), geometry, v -> v >= 10 ? 1 : 0);
            LabelledCases.add(catalog, dataset, series.uid(), new MaskPayload(mask, geometry), author, new Origin.Imported("bench"), null);
        }
    }
}
