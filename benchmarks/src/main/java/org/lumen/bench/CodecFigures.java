// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lumen.testdata.Size;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.FrameDecoder;

/**
 * {@code --only codecs}: per-core decode rates. The same CT slices in each syntax are read and decoded
 * by Lumen on one thread (header read plus {@link FrameDecoder#decodeAll}), interleaved in the same run
 * with DCMTK's decoders in one process ({@link DcmtkLoop}, where g++ and libdcmtk-dev are installed) and
 * with the reference tool one process per file (DCMTK's {@code dcmdjpeg}, {@code dcmdjpls}, {@code dcmdrle},
 * {@code dcmconv}; GDCM's {@code gdcmconv --raw}, which runs OpenJPEG, for JPEG 2000), whose figures include
 * process start-up and writing the output file. JPEG 2000 is also measured against PixelMed + jai-imageio,
 * and greyscale JPEG-LS against CharLS: the decoder choices of ADR 0021. HTJ2K, which no installed tool writes into DICOM,
 * is timed as OpenJPEG decoding OpenJPH-encoded codestreams of the same slices ({@link Htj2kFigure}).
 */
final class CodecFigures {

    private record Syntax(String label, Path dir, List<String> reference) { }

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
            lumenSeconds(files.subList(0, Math.min(20, files.size())));
            lumenSeconds(files); // warm the page cache and the JIT
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
                // The target: DCMTK's decoders in-process, one thread, the same files, interleaved with Lumen.
                double[] inProcess = new double[repeat];
                DcmtkLoop.seconds(dcmtkLoop, files);
                for (int r = 0; r < repeat; r++) {
                    lumen[r] = lumenSeconds(files);
                    inProcess[r] = DcmtkLoop.seconds(dcmtkLoop, files);
                }
                results.add(new Measurement(String.format(Locale.ROOT, "codecs: %s, %d slices, one thread (in-process)", s.label(),
                        files.size()), files.size() / median(lumen), "slices/s", "DCMTK 3.6 in-process loop", files.size() / median(inProcess),
                        "higher is better; both read each file and decode it to 16-bit values"));
                if (s.label().equals("uncompressed")) {
                    // A series load keeps its slices, so each needs fresh memory; the loop above lets DCMTK reuse one buffer.
                    for (int r = 0; r < repeat; r++) {
                        lumen[r] = lumenSeconds(files, true);
                        inProcess[r] = DcmtkLoop.seconds(dcmtkLoop, files, true);
                    }
                    results.add(new Measurement(String.format(Locale.ROOT, "codecs: %s, %d slices, one thread (in-process, slices kept)",
                            s.label(), files.size()), files.size() / median(lumen), "slices/s", "DCMTK 3.6 in-process loop keeping them",
                            files.size() / median(inProcess), "higher is better; every decoded slice is kept until the last, as a series load does"));
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

    private static void add(List<Syntax> syntaxes, String label, Path dir, List<String> reference) {
        if (dir != null) {
            syntaxes.add(new Syntax(label, dir, reference));
        }
    }

    private static double lumenSeconds(List<Path> files) throws Exception {
        return lumenSeconds(files, false);
    }

    /** Header read and decode of each file on this thread; with {@code keep}, every decoded frame is kept until the last. */
    private static double lumenSeconds(List<Path> files, boolean keep) throws Exception {
        DicomHeaderReader reader = new DicomHeaderReader();
        FrameDecoder decoder = new FrameDecoder();
        List<Object> kept = new ArrayList<>(keep ? files.size() : 0);
        long start = System.nanoTime();
        long checksum = 0;
        for (Path f : files) {
            var frames = decoder.decodeAll(reader.read(f));
            checksum += frames.size();
            if (keep) {
                kept.add(frames);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum != files.size() || keep && kept.size() != files.size()) {
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
