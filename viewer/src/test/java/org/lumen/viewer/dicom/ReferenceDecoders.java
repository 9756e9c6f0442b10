// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;

/** The reference decoders' command-line tools (GDCM, DCMTK) and comparisons of decoded frames. */
final class ReferenceDecoders {

    private ReferenceDecoders() { }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** The file decompressed by GDCM into {@code folder}; skips the test when gdcmconv is not installed. */
    static Path gdcmRaw(Path file, Path folder) throws IOException, InterruptedException {
        assumeTrue(onPath("gdcmconv"), "gdcmconv (Debian package libgdcm-tools) is not installed");
        Path out = folder.resolve(file.getFileName() + ".gdcm-raw.dcm");
        Process p = new ProcessBuilder("gdcmconv", "--raw", file.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !Files.isRegularFile(out)) {
            throw new IOException("gdcmconv --raw failed on " + file + ": " + output.strip());
        }
        return out;
    }

    /** A binary 8-bit PPM (P6) as an ARGB frame. */
    static ColorFrame readPpm(Path ppm) throws IOException {
        byte[] bytes = Files.readAllBytes(ppm);
        int[] header = new int[3];
        int position = 2;
        for (int field = 0; field < 3; field++) {
            while (Character.isWhitespace(bytes[position]) || bytes[position] == '#') {
                if (bytes[position] == '#') {
                    while (bytes[position] != '\n') {
                        position++; // a comment, such as the encoder's name
                    }
                }
                position++;
            }
            int value = 0;
            while (Character.isDigit(bytes[position])) {
                value = value * 10 + bytes[position++] - '0';
            }
            header[field] = value;
        }
        position++; // the single whitespace before the samples
        if (bytes[0] != 'P' || bytes[1] != '6' || header[2] != 255) {
            throw new IOException(ppm + " is not an 8-bit binary PPM");
        }
        int[] argb = new int[header[0] * header[1]];
        for (int i = 0; i < argb.length; i++, position += 3) {
            argb[i] = 0xFF000000 | (bytes[position] & 0xFF) << 16 | (bytes[position + 1] & 0xFF) << 8 | bytes[position + 2] & 0xFF;
        }
        return new ColorFrame(header[0], header[1], argb);
    }

    /** The largest absolute difference of stored values (grey) or of any colour channel. */
    static long largestDifference(DecodedFrame a, DecodedFrame b) {
        if (a instanceof GrayFrame ga && b instanceof GrayFrame gb) {
            long worst = 0;
            for (int i = 0; i < ga.columns() * ga.rows(); i++) {
                worst = Math.max(worst, Math.abs(ga.sample(i) - gb.sample(i)));
            }
            return worst;
        }
        if (a instanceof ColorFrame ca && b instanceof ColorFrame cb) {
            long worst = 0;
            for (int i = 0; i < ca.argb().length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((ca.argb()[i] >> shift & 0xFF) - (cb.argb()[i] >> shift & 0xFF)));
                }
            }
            return worst;
        }
        throw new AssertionError("one frame is grey and the other colour: " + a.getClass().getSimpleName() + " and "
                + b.getClass().getSimpleName());
    }
}
