// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.Size;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * {@code --only codecs}: per-core decode rates. The same CT slices in each syntax are read and decoded
 * by Lumen on one thread (header read plus {@link FrameDecoder#decodeAll}), interleaved in the same run
 * with DCMTK's decoders in one process ({@link DcmtkLoop}, where g++ and libdcmtk-dev are installed) and
 * with the reference tool one process per file (DCMTK's {@code dcmdjpeg}, {@code dcmdjpls}, {@code dcmdrle},
 * {@code dcmconv}; GDCM's {@code gdcmconv --raw}, which runs OpenJPEG, for JPEG 2000), whose figures include
 * process start-up and writing the output file. JPEG 2000 is also measured against PixelMed + jai-imageio,
 * and greyscale JPEG-LS against CharLS: the decoder choices of ADR 0021. HTJ2K, which no installed tool writes into DICOM,
 * is timed as OpenJPEG decoding OpenJPH-encoded codestreams of the same slices ({@link Htj2kFigure}).
 * For uncompressed files the issue's own measure is a row of its own: index, plan and series load on one thread against
 * DCMTK keeping every data set it loads ({@link #seriesLoadFigure}). Lumen is warmed to its steady state first.
 */
final class CodecFigures {

    private record Syntax(String label, Path dir, List<String> reference) { }

    /** Rounds of each in-process comparison: tens of milliseconds each, so a steadier median costs little. */
    private static final int IN_PROCESS_ROUNDS = 9;
    private static final int WARM_UP_ROUNDS = 5;
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private CodecFigures() { }

    static List<Measurement> run(Path root, Path plain, Size size, int slices, int repeat) throws Exception {
        List<Syntax> syntaxes = new ArrayList<>();
        syntaxes.add(new Syntax("uncompressed", plain, List.of("dcmconv", "+te")));
        add(syntaxes, "JPEG lossless SV1", BenchData.jpegLosslessCt(root, plain, size), List.of("dcmdjpeg"));
        add(syntaxes, "JPEG-LS lossless", BenchData.jpegLsCt(root, plain, size), List.of("dcmdjpls"));
        add(syntaxes, "RLE", BenchData.transcoded(root.resolve("ct-" + size + "-noise10-rle"), plain, "dcmcrle", "+un"),
                List.of("dcmdrle"));
        add(syntaxes, "JPEG 2000 lossless", BenchData.transcoded(root.resolve("ct-" + size + "-noise10-j2k"), plain, "gdcmconv", "--j2k"),
                List.of("gdcmconv", "--raw"));
        Path scratch = Files.createDirectories(root.resolve("codec-out"));
        Path dcmtkLoop = DcmtkLoop.build(root);
        List<Measurement> results = new ArrayList<>();
        for (Syntax s : syntaxes) {
            List<Path> files = BenchData.dicomFiles(s.dir()).subList(0, Math.min(slices, BenchData.dicomFiles(s.dir()).size()));
            warmUp(() -> lumenSeconds(files)); // the page cache, and the JIT to its steady state
            toolSeconds(s.reference(), files.subList(0, Math.min(10, files.size())), scratch);
            double[] lumen = new double[repeat];
            double[] tool = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                // Interleaved, so a busy moment on the machine slows both.
                lumen[r] = lumenSeconds(files);
                tool[r] = toolSeconds(s.reference(), files, scratch);
            }
            double ours = files.size() / median(lumen);
            double theirs = files.size() / median(tool);
            results.add(new Measurement(String.format(Locale.ROOT, "codecs: %s, %d slices, one thread", s.label(), files.size()),
                    ours, "slices/s", String.join(" ", s.reference()) + " per file", theirs,
                    "higher is better; the tool's rate includes process start-up and writing its output"));
            if (dcmtkLoop != null && !s.label().startsWith("JPEG 2000")) {
                // The target: DCMTK's decoders in-process, one thread, the same files, interleaved with Lumen. A
                // round of these takes tens of milliseconds, so more rounds than the tools' rows get a steadier median.
                int rounds = Math.max(repeat, IN_PROCESS_ROUNDS);
                double[] lumenInProcess = new double[rounds];
                double[] inProcess = new double[rounds];
                DcmtkLoop.seconds(dcmtkLoop, files);
                for (int r = 0; r < rounds; r++) {
                    lumenInProcess[r] = lumenSeconds(files);
                    inProcess[r] = DcmtkLoop.seconds(dcmtkLoop, files);
                }
                results.add(new Measurement(String.format(Locale.ROOT, "codecs: %s, %d slices, one thread (in-process)", s.label(),
                        files.size()), files.size() / median(lumenInProcess), "slices/s", "DCMTK 3.6 in-process loop", files.size() / median(inProcess),
                        "higher is better; both read each file and decode it to 16-bit values, then drop it"));
                if (s.label().equals("uncompressed")) {
                    results.add(seriesLoadFigure(files, dcmtkLoop, rounds));
                }
            }
            if (s.label().startsWith("JPEG-LS") && org.lumen.viewer.codec.CharLs.isAvailable()) {
                // The choice for greyscale: Lumen's own JPEG-LS decoder or CharLS, whichever is faster.
                List<byte[]> codestreams = new ArrayList<>();
                DicomHeaderReader reader = new DicomHeaderReader();
                for (Path f : files) {
                    codestreams.addAll(FrameDecoder.codestreams(reader.read(f)));
                }
                double[] own = new double[repeat];
                double[] charls = new double[repeat];
                for (int w = 0; w <= repeat; w++) {
                    long start = System.nanoTime();
                    for (byte[] c : codestreams) {
                        org.lumen.viewer.codec.JpegLsDecoder.decode(c, size.columns(), size.rows());
                    }
                    double a = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    for (byte[] c : codestreams) {
                        org.lumen.viewer.codec.CharLs.decode(c);
                    }
                    double b = (System.nanoTime() - start) / 1e9;
                    if (w > 0) { // the first round warms the JIT
                        own[w - 1] = a;
                        charls[w - 1] = b;
                    }
                }
                results.add(new Measurement(String.format(Locale.ROOT, "codecs: %s, %d codestreams, decoder alone", s.label(),
                        codestreams.size()), codestreams.size() / median(own), "slices/s", "CharLS 2 through FFM",
                        codestreams.size() / median(charls), "higher is better; greyscale stays with the faster"));
            }
            if (s.label().startsWith("JPEG 2000")) {
                // What OpenJPEG replaced: PixelMed reading the same files through jai-imageio-jpeg2000, in-process.
                double[] jai = new double[repeat];
                for (int r = 0; r < repeat; r++) {
                    lumen[r] = lumenSeconds(files);
                    jai[r] = pixelMedSeconds(files);
                }
                results.add(new Measurement(String.format(Locale.ROOT, "codecs: %s, %d slices, one thread (OpenJPEG)", s.label(),
                        files.size()), files.size() / median(lumen), "slices/s", "PixelMed + jai-imageio, in-process",
                        files.size() / median(jai), "higher is better"));
            }
        }
        List<Path> plainFiles = BenchData.dicomFiles(plain);
        Measurement htj2k = Htj2kFigure.run(root, plainFiles.subList(0, Math.min(slices, plainFiles.size())), repeat);
        if (htj2k != null) {
            results.add(htj2k);
        }
        return results;
    }

    /**
     * The issue's own measure for uncompressed: Lumen's index, plan and series load of the files on one thread each
     * (the volume keeps every slice, modality LUT applied), against DCMTK loading and decompressing the same files
     * in-process and keeping every data set, as a viewer keeps the slices of the series it shows (ADR 0038).
     */
    private static Measurement seriesLoadFigure(List<Path> files, Path dcmtkLoop, int rounds) throws Exception {
        // The application's lanes sized for one core: one decoding thread, and indexing asked for one thread too.
        try (Pools oneCore = new Pools(1)) {
            double[] ours = new double[rounds];
            double[] inProcess = new double[rounds];
            warmUp(() -> seriesLoadSeconds(files, oneCore));
            DcmtkLoop.seconds(dcmtkLoop, files, true);
            for (int r = 0; r < rounds; r++) {
                ours[r] = seriesLoadSeconds(files, oneCore);
                inProcess[r] = DcmtkLoop.seconds(dcmtkLoop, files, true);
            }
            return new Measurement(String.format(Locale.ROOT, "codecs: uncompressed, %d slices: index, plan and series load, one thread",
                    files.size()), files.size() / median(ours), "slices/s", "DCMTK 3.6 in-process loop keeping them", files.size() / median(inProcess),
                    "higher is better; the issue's measure: every slice is kept until the last, as a viewer keeps the series it shows");
        }
    }

    /** Index the files, plan their one series and load it on one decoding thread; the seconds from the first header read to the last slice. */
    private static double seriesLoadSeconds(List<Path> files, Pools oneCore) throws Exception {
        long start = System.nanoTime();
        var index = new Indexer(oneCore.io(), 1).index(new FileSource(files), TaskContext.none());
        StackPlan plan = new StackPlanner().plan(index.allSeries().getFirst());
        SeriesLoader loader = new SeriesLoader(oneCore.decode(), 1, new PixelCache(Long.MAX_VALUE));
        try (Volume volume = loader.open(plan)) {
            new SyncTaskRunner().submit(loader.loadTask(volume, plan.sliceCount() / 2)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (plan.sliceCount() != files.size() || !volume.failures().isEmpty()) {
                throw new IllegalStateException("loaded " + plan.sliceCount() + " slices of " + files.size() + " files; failures: " + volume.failures());
            }
            return seconds;
        }
    }

    /**
     * Runs {@code round} until the JIT has settled: at least {@link #WARM_UP_ROUNDS} rounds and {@link #WARM_UP_NANOS} of
     * them. A pass of a few hundred slices leaves the decoders partly interpreted, and measured that way a fast
     * syntax reads at half its steady rate (ADR 0038).
     */
    private static void warmUp(Round round) throws Exception {
        long start = System.nanoTime();
        for (int r = 0; r < WARM_UP_ROUNDS || System.nanoTime() - start < WARM_UP_NANOS; r++) {
            round.seconds();
        }
    }

    /** One timed round of decoding. */
    @FunctionalInterface
    private interface Round {
        double seconds() throws Exception;
    }

    private static void add(List<Syntax> syntaxes, String label, Path dir, List<String> reference) {
        if (dir != null) {
            syntaxes.add(new Syntax(label, dir, reference));
        }
    }

    /** Header read and decode of each file on this thread, each decoded frame dropped. */
    private static double lumenSeconds(List<Path> files) throws Exception {
        DicomHeaderReader reader = new DicomHeaderReader();
        FrameDecoder decoder = new FrameDecoder();
        long start = System.nanoTime();
        long checksum = 0;
        for (Path f : files) {
            checksum += decoder.decodeAll(reader.read(f)).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum != files.size()) {
            throw new IllegalStateException("decoded " + checksum + " frames from " + files.size() + " single-frame files");
        }
        return seconds;
    }

    private static double pixelMedSeconds(List<Path> files) throws Exception {
        long start = System.nanoTime();
        for (Path f : files) {
            org.lumen.viewer.dicom.PixelMedBaseline.readWithPixels(f);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double toolSeconds(List<String> tool, List<Path> files, Path scratch) throws Exception {
        long start = System.nanoTime();
        for (Path f : files) {
            List<String> command = new ArrayList<>(tool);
            command.add(f.toString());
            command.add(scratch.resolve("out.dcm").toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", tool) + " failed on " + f);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
