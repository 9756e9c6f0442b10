// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.lumen.task.Pools;
import org.lumen.testdata.Size;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * {@code lumen bench}: indexing, series loading and slice rendering on a generated CT, each beside
 * a baseline measured on the same data in the same run. Figures go to docs/performance.md.
 *
 * <p>Options: {@code --size 512x512x400} (the CT), {@code --repeat 5} (median of), {@code --dir DIR}
 * (where the data is generated once and reused), {@code --json FILE} (machine-readable results).
 */
public final class BenchMain {

    private BenchMain() { }

    public static void main(String[] args) throws Exception {
        Size size = Size.parse(option(args, "--size", "512x512x400"));
        int repeat = Integer.parseInt(option(args, "--repeat", "5"));
        Path root = Path.of(option(args, "--dir", Path.of(System.getProperty("java.io.tmpdir"), "lumen-bench").toString()));
        String json = option(args, "--json", null);
        List<Measurement> results = new ArrayList<>();
        try (Pools pools = new Pools()) {
            IoBenchmarks io = new IoBenchmarks(pools);
            Path plain = BenchData.uncompressedCt(root, size);
            results.addAll(seriesFigures("uncompressed", BenchData.dicomFiles(plain), io, repeat, Baseline.RAW_READ));
            Path jpeg = BenchData.jpegLosslessCt(root, plain, size);
            if (jpeg != null) {
                results.addAll(seriesFigures("JPEG lossless", BenchData.dicomFiles(jpeg), io, Math.max(1, repeat / 2), Baseline.PIXELMED_DECODE));
            }
            Path jpegLs = BenchData.jpegLsCt(root, plain, size);
            if (jpegLs != null) {
                results.addAll(seriesFigures("JPEG-LS lossless", BenchData.dicomFiles(jpegLs), io, Math.max(1, repeat / 2), Baseline.NONE));
            }
            results.addAll(renderFigures(plain, io, pools));
        }
        print(size, repeat, results);
        if (json != null) {
            Files.writeString(Path.of(json), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
    }

    /** What a series' loading is compared with: the raw read of its bytes, PixelMed's decoder, or nothing in Java. */
    private enum Baseline { RAW_READ, PIXELMED_DECODE, NONE }

    private static List<Measurement> seriesFigures(String label, List<Path> files, IoBenchmarks io, int repeat, Baseline baseline)
            throws Exception {
        int n = files.size();
        // Warm the page cache and the JIT: the first passes run interpreted and measure the JVM, not Lumen.
        for (int w = 0; w < 3; w++) {
            io.rawReadSeconds(files);
            if (baseline == Baseline.PIXELMED_DECODE) {
                io.pixelMedFullReadSeconds(files.subList(0, Math.min(files.size(), 50)));
            } else {
                io.pixelMedHeaderSeconds(files);
            }
            io.load(io.index(files).index());
        }
        double[] raw = new double[repeat];
        double[] pixelMed = new double[repeat];
        // Indexing a few hundred files takes tens of milliseconds: more rounds keep scheduling noise out.
        int indexRounds = repeat * 4;
        double[] index = new double[indexRounds];
        double[] pixelMedHeaders = new double[indexRounds];
        List<IoBenchmarks.LoadRun> loads = new ArrayList<>();
        IoBenchmarks.IndexRun lastIndex = null;
        for (int r = 0; r < indexRounds; r++) {
            pixelMedHeaders[r] = io.pixelMedHeaderSeconds(files);
            lastIndex = io.index(files);
            index[r] = lastIndex.seconds();
        }
        for (int r = 0; r < repeat; r++) {
            raw[r] = io.rawReadSeconds(files);
            pixelMed[r] = baseline == Baseline.PIXELMED_DECODE ? io.pixelMedFullReadSeconds(files) : pixelMedHeaders[r];
            loads.add(io.load(lastIndex.index()));
        }
        double rawS = median(raw);
        double loadS = median(loads, IoBenchmarks.LoadRun::seconds);
        IoBenchmarks.LoadRun load = loads.getFirst();
        double mb = load.pixelBytes() / 1e6;
        List<Measurement> m = new ArrayList<>();
        m.add(new Measurement(label + ": indexing", n / median(index), "files/s",
                "PixelMed AttributeList.read to Pixel Data, same threads", n / median(pixelMedHeaders),
                "headers only; " + n + " files, median of " + indexRounds));
        m.add(new Measurement(label + ": full series load", n / loadS, "slices/s",
                switch (baseline) {
                    case RAW_READ -> "raw read of the same files, same threads";
                    case PIXELMED_DECODE -> "PixelMed read with decompression, same threads";
                    case NONE -> "none: PixelMed has no decoder for it";
                },
                switch (baseline) {
                    case RAW_READ -> n / rawS;
                    case PIXELMED_DECODE -> n / median(pixelMed);
                    case NONE -> Double.NaN;
                }, String.format(Locale.ROOT, "%.0f MB of voxels in %.3f s", mb, loadS)));
        m.add(new Measurement(label + ": time to first slice", 1000 * median(loads, IoBenchmarks.LoadRun::firstSliceSeconds), "ms",
                null, null, "focus slice (middle) decoded, from the start of loading"));
        m.add(new Measurement(label + ": peak heap growth / voxel bytes",
                loads.stream().mapToLong(IoBenchmarks.LoadRun::peakHeapGrowth).max().orElse(0) / (double) load.pixelBytes(), "x",
                null, null, "sampled every 2 ms; includes garbage not yet collected"));
        return m;
    }

    private static List<Measurement> renderFigures(Path plain, IoBenchmarks io, Pools pools) throws Exception {
        var index = io.index(BenchData.dicomFiles(plain)).index();
        var plan = new StackPlanner().plan(index.allSeries().getFirst());
        try (Volume volume = new SeriesLoader(pools.decode(), pools.decodeThreads(), PixelCache.withDefaultBudget()).open(plan)) {
            var slice = volume.slice(plan.sliceCount() / 2);
            double lut = RenderBenchmark.lutMillis(slice, 2000);
            double formula = RenderBenchmark.formulaMillis(slice, 200);
            return List.of(new Measurement("render one " + slice.columns() + "x" + slice.rows() + " slice with window/level", lut, "ms",
                    "per-pixel VOI formula, no table", formula, "window changes every render (table rebuilt)"));
        }
    }

    private static void print(Size size, int repeat, List<Measurement> results) {
        System.out.printf(Locale.ROOT, "Lumen bench: %s CT, median of %d runs, %d cores, max heap %d MB, %s%n", size, repeat,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));
        System.out.printf("| %-52s | %12s | %-55s | %12s | %6s |%n", "measurement", "value", "baseline (same run)", "baseline", "ratio");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(14), "-".repeat(57), "-".repeat(14), "-".repeat(8));
        for (Measurement m : results) {
            System.out.printf(Locale.ROOT, "| %-52s | %12s | %-55s | %12s | %6s |%n", m.name(), format(m.value()) + " " + m.unit(),
                    m.baselineName() == null ? m.note() : m.baselineName(),
                    m.baselineValue() == null || m.baselineValue().isNaN() ? "" : format(m.baselineValue()) + " " + m.unit(),
                    m.ratio() == null || m.ratio().isNaN() ? "" : String.format(Locale.ROOT, "%.2f", m.ratio()));
        }
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        return median(values.stream().mapToDouble(f).toArray());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
