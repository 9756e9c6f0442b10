// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lumen.viewer.codec.OpenJpeg;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.image.GrayFrame;

/**
 * The HTJ2K target (a 512 × 512 slice in under 5 ms): the benchmark's CT slices encoded losslessly by OpenJPH's
 * {@code ojph_compress} (Debian openjph-tools; neither DCMTK, GDCM nor OpenJPEG 2.5 writes HTJ2K), then decoded by
 * {@link OpenJpeg} alone, the decoder Lumen's HTJ2K frames go to. Skipped, with a line, without the encoder or the library.
 */
final class Htj2kFigure {

    private static final double TARGET_MS = 5.0;

    private Htj2kFigure() { }

    static Measurement run(Path root, List<Path> plainFiles, int repeat) throws Exception {
        if (!BenchData.commandExists("ojph_compress") || !OpenJpeg.isAvailable()) {
            System.err.println("ojph_compress (Debian openjph-tools) or libopenjp2 is missing: no HTJ2K figure");
            return null;
        }
        List<byte[]> codestreams = encode(root.resolve("htj2k-codestreams"), plainFiles);
        double[] seconds = new double[repeat];
        for (int w = 0; w <= repeat; w++) {
            long start = System.nanoTime();
            for (byte[] c : codestreams) {
                OpenJpeg.decode(c);
            }
            if (w > 0) { // the first round warms the JIT
                seconds[w - 1] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        double ms = seconds[repeat / 2] * 1000 / codestreams.size();
        return new Measurement(String.format(Locale.ROOT, "codecs: HTJ2K lossless, %d codestreams, decoder alone (OpenJPEG %s)",
                codestreams.size(), OpenJpeg.version()), ms, "ms/slice", "the issue's target", TARGET_MS, "lower is better; at most 1.0 meets it");
    }

    /** Each slice's stored values as a 16-bit PGM, encoded reversibly by ojph_compress once and kept. */
    private static List<byte[]> encode(Path dir, List<Path> plainFiles) throws Exception {
        Files.createDirectories(dir);
        DicomHeaderReader reader = new DicomHeaderReader();
        FrameDecoder decoder = new FrameDecoder();
        List<byte[]> codestreams = new ArrayList<>();
        for (Path f : plainFiles) {
            Path j2c = dir.resolve(f.getFileName() + ".j2c");
            if (!Files.exists(j2c)) {
                GrayFrame frame = (GrayFrame) decoder.decodeAll(reader.read(f)).getFirst();
                Path pgm = dir.resolve("slice.pgm");
                Files.write(pgm, pgm(frame));
                Process p = new ProcessBuilder("ojph_compress", "-i", pgm.toString(), "-o", j2c + ".tmp", "-reversible", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("ojph_compress failed on " + f);
                }
                Files.move(Path.of(j2c + ".tmp"), j2c, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            codestreams.add(Files.readAllBytes(j2c));
        }
        return codestreams;
    }

    /** A binary PGM of the frame's values (unsigned; the benchmark's CT has no negative stored values). */
    private static byte[] pgm(GrayFrame frame) {
        int max = 1;
        for (int i = 0; i < frame.columns() * frame.rows(); i++) {
            max = (int) Math.max(max, frame.sample(i));
        }
        int maxVal = (Integer.highestOneBit(max) << 1) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("P5\n" + frame.columns() + " " + frame.rows() + "\n" + maxVal + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < frame.columns() * frame.rows(); i++) {
            int v = (int) Math.max(0, frame.sample(i));
            out.write(v >> 8);
            out.write(v);
        }
        return out.toByteArray();
    }
}
