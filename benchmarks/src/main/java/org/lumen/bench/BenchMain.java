// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lumen.task.Pools;
import org.lumen.testdata.Size;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * {@code lumen bench}: indexing, series loading, slice rendering, scrolling, time to the first image
 * and a series larger than the pixel budget, on a generated CT, and the annotation catalog (saving
 * strokes, loading a case, listing 10,000 studies, on SQLite files in a temporary folder) and the AI
 * pipeline's overhead over bare inference (the demo model on a generated CT), each beside a baseline
 * measured on the same data in the same run. Figures go to docs/performance.md.
 *
 * <p>Options ({@code --help}): {@code --only load,render,scroll,first-image,big-series,catalog,ai,pacs,codecs} (or {@code viewer}),
 * {@code --size 512x512x400} (the CT), {@code --repeat 5} (median of), {@code --quick}, {@code --dir DIR}
 * (where the data is generated once and reused), {@code --json FILE} (machine-readable results),
 * {@code --big-size}, {@code --big-heap} and {@code --fresh-jvms} for the viewer's figures, {@code --strokes} and
 * {@code --studies} for the catalog's, {@code --ai-size} for the AI group's CT, {@code --export-cases} and
 * {@code --export-size} for the dataset export's.
 */
public final class BenchMain {

    private BenchMain() { }

    /** The benchmark groups, in the order they run; {@code --only} picks some. */
    static final List<String> GROUPS = List.of("load", "render", "scroll", "first-image", "big-series", "catalog", "ai", "ai2d", "pacs",
            "export", "validation", "codecs", "audit", "startup");

    /** The groups that make their own data (SQLite files, their own CT, phantoms, mutated samples, processes). */
    private static final Set<String> OWN_DATA = Set.of("catalog", "ai", "ai2d", "pacs", "export", "audit", "startup", "fuzz",
            "validation");

    /** The groups that measure on the {@code --size} CT (catalog has its own SQLite files, ai its {@code --ai-size} CT). */
    static boolean needsCt(Set<String> groups) {
        return groups.stream().anyMatch(g -> !OWN_DATA.contains(g));
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        boolean quick = Arrays.asList(args).contains("--quick");
        Size size;
        int repeat;
        Set<String> only;
        Size bigSize;
        int freshJvms;
        int strokes;
        int studies;
        Size aiSize;
        Size pacsSize;
        Size exportSize;
        int exportCases;
        Size validationSize;
        int validationCases;
        int codecSlices;
        int fuzzRounds;
        try {
            size = Size.parse(option(args, "--size", "512x512x400"));
            repeat = intOption(args, "--repeat", quick ? "2" : "5");
            only = groups(option(args, "--only", "all"));
            bigSize = Size.parse(option(args, "--big-size", "512x512x1000"));
            freshJvms = intOption(args, "--fresh-jvms", quick ? "1" : "3");
            strokes = intOption(args, "--strokes", quick ? "100" : "300");
            studies = intOption(args, "--studies", "10000");
            aiSize = Size.parse(option(args, "--ai-size", "512x512x300"));
            pacsSize = Size.parse(option(args, "--pacs-size", "512x512x300"));
            exportSize = Size.parse(option(args, "--export-size", "512x512x100"));
            exportCases = intOption(args, "--export-cases", "50");
            if (exportCases < 1) {
                throw new IllegalArgumentException("--export-cases must be at least 1");
            }
            validationSize = Size.parse(option(args, "--validation-size", "256x256x100"));
            validationCases = intOption(args, "--validation-cases", quick ? "4" : "10");
            if (validationCases < 1) {
                throw new IllegalArgumentException("--validation-cases must be at least 1");
            }
            codecSlices = intOption(args, "--codec-slices", quick ? "40" : "100");
            fuzzRounds = intOption(args, "--fuzz-rounds", quick ? "1" : "3");
            if (repeat < 1 || freshJvms < 0) {
                throw new IllegalArgumentException("--repeat must be at least 1 and --fresh-jvms at least 0");
            }
            if (strokes < 1 || studies < 1) {
                throw new IllegalArgumentException("--strokes and --studies must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lumen bench: " + e.getMessage() + " (lumen bench --help)");
            System.exit(2);
            return;
        }
        Path root = Path.of(option(args, "--dir", Path.of(System.getProperty("java.io.tmpdir"), "lumen-bench").toString()));
        String json = option(args, "--json", null);
        String bigHeap = option(args, "--big-heap", "384m");
        List<Measurement> results = new ArrayList<>();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (Pools pools = new Pools()) {
            IoBenchmarks io = new IoBenchmarks(pools);
            // The catalog's figures use SQLite files of their own, ai its own CT: this one is generated only for the others.
            Path plain = needsCt(only) ? BenchData.uncompressedCt(root, size) : null;
            if (only.contains("load")) {
                results.addAll(seriesFigures("uncompressed", BenchData.dicomFiles(plain), io, repeat, Baseline.RAW_READ));
                Path jpeg = BenchData.jpegLosslessCt(root, plain, size);
                if (jpeg != null) {
                    results.addAll(seriesFigures("JPEG lossless", BenchData.dicomFiles(jpeg), io, Math.max(1, repeat / 2),
                            Baseline.PIXELMED_DECODE));
                }
                Path jpegLs = BenchData.jpegLsCt(root, plain, size);
                if (jpegLs != null) {
                    results.addAll(seriesFigures("JPEG-LS lossless", BenchData.dicomFiles(jpegLs), io, Math.max(1, repeat / 2),
                            Baseline.NONE));
                }
            }
            if (only.contains("render")) {
                results.addAll(renderFigures(plain, io, pools));
            }
            if (only.contains("scroll")) {
                results.addAll(ViewerFigures.scroll(plain, io, pools, quick));
            }
            if (only.contains("first-image")) {
                results.addAll(ViewerFigures.firstImage("uncompressed", plain, io, pools, 2 * repeat, freshJvms));
                Path jpeg = BenchData.jpegLosslessCt(root, plain, size);
                if (jpeg != null) {
                    results.addAll(ViewerFigures.firstImage("JPEG lossless", jpeg, io, pools, 2 * repeat, freshJvms));
                }
            }
            if (only.contains("big-series")) {
                results.addAll(ViewerFigures.bigSeries(root, bigSize, bigHeap, io));
            }
            if (only.contains("catalog")) {
                results.addAll(CatalogFigures.run(root, CatalogFigures.Plan.of(quick, strokes, studies)));
            }
            if (only.contains("audit")) {
                results.addAll(CatalogFigures.audit(root, CatalogFigures.Plan.of(quick, strokes, studies)));
            }
            if (only.contains("ai")) {
                results.addAll(AiFigures.run(root, aiSize, io, pools, repeat));
            }
            if (only.contains("ai2d")) {
                results.addAll(Ai2dFigures.run(root, io, pools, repeat));
            }
            if (only.contains("pacs")) {
                results.addAll(PacsFigures.run(root, pacsSize, repeat, pools));
            }
            if (only.contains("export")) {
                results.addAll(ExportFigures.run(root, exportSize, exportCases, pools));
            }
            if (only.contains("validation")) {
                results.addAll(ValidationBench.run(root, validationSize, validationCases, pools));
            }
            if (only.contains("codecs")) {
                results.addAll(CodecFigures.run(root, plain, size, codecSlices, Math.max(1, Math.min(repeat, 3))));
            }
            if (only.contains("fuzz")) {
                String repo = System.getProperty("lumen.root");
                String defaultSamples = repo == null ? "../shared/dicom-samples" : Path.of(repo).resolveSibling("shared/dicom-samples").toString();
                results.addAll(FuzzFigures.run(root, Path.of(option(args, "--samples", defaultSamples)), fuzzRounds));
            }
            if (only.contains("startup")) {
                String repo = System.getProperty("lumen.root");
                results.addAll(StartupFigures.run(root, repo == null ? null : Path.of(repo), option(args, "--installed", null),
                        option(args, "--before", null) == null ? null : Path.of(option(args, "--before", null)),
                        quick ? 3 : Math.max(repeat, 7), !Arrays.asList(args).contains("--no-window")));
            }
        }
        print(needsCt(only) ? size + " CT, median of " + repeat + " runs"
                : only.contains("ai") ? aiSize + " CT (ai), " + repeat + " rounds"
                : only.contains("ai2d") ? "2D demo models (ai2d), " + repeat + " rounds"
                : only.contains("pacs") ? pacsSize + " CT (pacs), median of " + repeat + " runs"
                : only.contains("export") ? exportCases + " cases of " + exportSize + " (export), one run"
                : only.contains("validation") ? validationCases + " cases of " + validationSize + " (validation), one run"
                : only.contains("startup") ? "startup, fresh processes"
                : only.contains("fuzz") ? "fuzz, " + fuzzRounds + " rounds" : "catalog", results);
        // Other processes on the machine show up as outliers in the p99 and max figures: say how busy it was.
        System.out.printf(Locale.ROOT, "system load average (1 min): %.2f at the start, %.2f at the end, on %d cores%n", loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        if (json != null) {
            Files.writeString(Path.of(json), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
    }

    private static final String USAGE = """
            usage: lumen bench [options]
              --only LIST        comma-separated groups to run (default: all): load, render, scroll,
                                 first-image, big-series, catalog, ai, ai2d, pacs, export, validation, codecs, audit, startup; "viewer" = render,scroll,first-image,big-series
              --size CxRxS       the generated CT (default 512x512x400)
              --repeat N         median of N runs (default 5; 2 with --quick)
              --quick            fewer repetitions and scrolling passes, one fresh JVM per first-image figure
              --fresh-jvms N     first-image openings in fresh JVMs, per series (default 3; 1 with --quick)
              --big-size CxRxS   the series for big-series (default 512x512x1000; generated once, ~0.5 GB on disk)
              --big-heap SIZE    the child JVM's -Xmx for big-series (default 384m)
              --strokes N        catalog: strokes saved per brush (2D, 3D) and durability (default 300; 100 with --quick)
              --studies N        catalog: studies in the index that is listed and filtered (default 10000)
              --ai-size CxRxS    ai: the CT the demo model runs on, end to end against bare ONNX Runtime
                                 (default 512x512x300; --repeat rounds of each after one warm-up)
              ai2d               (group) the 2D demo models on a 3064x4664 mammogram and a 2048x1536 fundus
                                 photograph, end to end against bare ONNX Runtime over the same batches
              --pacs-size CxRxS  pacs: the CT retrieved from a local Orthanc over C-GET (against DCMTK getscu)
                                 and WADO-RS (against curl) (default 512x512x300)
              --export-cases N   export: cases in the generated dataset exported to nnU-Net (default 50)
              --export-size CxRxS export: each case's CT (default 512x512x100; generated once under --dir)
              --validation-cases N validation: cases validated with the demo model, against bare inference of them
                                 (default 10; 4 with --quick)
              --validation-size CxRxS validation: each case's CT (default 256x256x100; generated once under --dir)
              --codec-slices N   codecs: slices of the --size CT decoded in each syntax by Lumen (one thread) and by the
                                 DCMTK / GDCM command-line tool, one process per file (default 100; 40 with --quick)
              --installed CMD    startup: also measure the installed application's command (e.g. /usr/bin/lumen)
              --before DIR       startup: also measure DIR/lumen (a built checkout of an earlier commit) in the same rounds
              --no-window        startup: only the command line, no window figures (they need Xvfb or a display)
              --dir DIR          where the data is generated once and reused (default $TMPDIR/lumen-bench);
                                 the catalog group makes its SQLite files in a temporary folder inside it
              --json FILE        also write the results as JSON
              --only fuzz        (not part of "all") damage every sample --fuzz-rounds times (default 3) in each kind,
                                 list, stack and render it; count crashes, hangs, OOMs, silent failures, spoiled listings
              --samples DIR      the sample corpus the fuzz run damages (default ../shared/dicom-samples beside the repository)
            Figures and how to read them: docs/performance.md.""";

    static Set<String> groups(String list) {
        Set<String> groups = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String g = name.strip().toLowerCase(Locale.ROOT);
            switch (g) {
                case "all" -> groups.addAll(GROUPS);
                case "viewer" -> groups.addAll(List.of("render", "scroll", "first-image", "big-series"));
                // Minutes over the whole sample corpus, and a finding-hunt rather than a figure: only when asked for.
                case "fuzz" -> groups.add("fuzz");
                default -> {
                    if (!GROUPS.contains(g)) {
                        throw new IllegalArgumentException("unknown benchmark group '" + name + "'; known: " + GROUPS + ", viewer, all");
                    }
                    groups.add(g);
                }
            }
        }
        return groups;
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
            double copy = RenderBenchmark.copyMillis(slice, 2000);
            double argbScroll = RenderBenchmark.argbMillis(slice, 2000, false);
            double argbDrag = RenderBenchmark.argbMillis(slice, 2000, true);
            String size = slice.columns() + "x" + slice.rows();
            String plainCopy = "System.arraycopy of the slice's int16 pixels";
            return List.of(
                    new Measurement("render one " + size + " slice with window/level", lut, "ms",
                            "per-pixel VOI formula, no table", formula, "window changes every render (table rebuilt)"),
                    new Measurement("render one " + size + " slice to the screen ARGB, same window", argbScroll, "ms",
                            plainCopy, copy, "SliceRenderer.renderArgb into int[]; mean of 2000; target <= 1 ms"),
                    new Measurement("render one " + size + " slice to the screen ARGB, window changes", argbDrag, "ms",
                            plainCopy, copy, "a window/level drag: the 64 Ki table is rebuilt every render; target <= 1 ms"));
        }
    }

    private static void print(String what, List<Measurement> results) {
        System.out.printf(Locale.ROOT, "Lumen bench: %s, %d cores, max heap %d MB, %s%n", what,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));
        System.out.printf("| %-66s | %14s | %-56s | %14s | %6s | %s%n", "measurement", "value", "baseline (same run)", "baseline",
                "ratio", "note");
        System.out.printf("|%s|%s|%s|%s|%s|%s%n", "-".repeat(68), "-".repeat(16), "-".repeat(58), "-".repeat(16), "-".repeat(8),
                "-".repeat(20));
        for (Measurement m : results) {
            System.out.printf(Locale.ROOT, "| %-66s | %14s | %-56s | %14s | %6s | %s%n", m.name(), format(m.value()) + " " + m.unit(),
                    m.baselineName() == null ? "" : m.baselineName(),
                    m.baselineValue() == null || m.baselineValue().isNaN() ? "" : format(m.baselineValue()) + " " + m.unit(),
                    m.ratio() == null || m.ratio().isNaN() || m.ratio().isInfinite() ? "" : String.format(Locale.ROOT, "%.2f", m.ratio()),
                    m.note() == null ? "" : m.note());
        }
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        return median(values.stream().mapToDouble(f).toArray());
    }

    private static int intOption(String[] args, String name, String fallback) {
        String value = option(args, name, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'", e);
        }
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
