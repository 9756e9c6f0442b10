// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's /usr/bin/python3 with pydicom, as a second writer of DICOM objects in tests. */
public final class ExternalPython {

    private static final String PYTHON = "/usr/bin/python3";

    private ExternalPython() { }

    public static boolean hasPydicom() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            run("import pydicom");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the script; returns its output, or throws with the output when it fails. */
    public static String run(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("python3 failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Writes {@code out}: {@code first} made a two-frame object, its pixels as frame 1 and {@code second}'s (same size and
     * type) as frame 2, with a new SOP Instance and Series UID; every other attribute is {@code first}'s.
     *
     * @return the new Series Instance UID
     */
    public static String twoFrames(Path first, Path second, Path out) throws IOException {
        return run("""
                import sys, numpy, pydicom
                from pydicom.uid import generate_uid
                a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2])
                frames = numpy.stack([a.pixel_array, b.pixel_array])
                a.NumberOfFrames = 2
                a.PixelData = frames.tobytes()
                a.SOPInstanceUID = generate_uid(); a.file_meta.MediaStorageSOPInstanceUID = a.SOPInstanceUID
                a.SeriesInstanceUID = generate_uid()
                a.save_as(sys.argv[3], write_like_original=False)
                print(a.SeriesInstanceUID)
                """, first.toString(), second.toString(), out.toString()).strip();
    }
}
