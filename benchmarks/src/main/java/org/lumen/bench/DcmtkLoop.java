// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * DCMTK's decoders in one process: {@code dcmtk_decode_loop.cc} (a resource) compiled once in the
 * benchmark's set-up against Debian's libdcmtk-dev, then fed file names on stdin; it prints the seconds
 * its decoding took, process start-up excluded. Null (and a line on stderr) when g++ or the headers are missing.
 */
final class DcmtkLoop {

    private DcmtkLoop() { }

    static Path build(Path root) throws IOException, InterruptedException {
        Path binary = root.resolve("dcmtk_decode_loop");
        Path source = root.resolve("dcmtk_decode_loop.cc");
        byte[] wanted;
        try (InputStream in = DcmtkLoop.class.getResourceAsStream("/bench/dcmtk_decode_loop.cc")) {
            wanted = in.readAllBytes();
        }
        // Built once per source: a loop left by an older benchmark is rebuilt.
        if (Files.isExecutable(binary) && Files.isRegularFile(source) && java.util.Arrays.equals(Files.readAllBytes(source), wanted)) {
            return binary;
        }
        if (!Files.isDirectory(Path.of("/usr/include/dcmtk")) || !Files.isExecutable(Path.of("/usr/bin/g++"))) {
            System.err.println("g++ or DCMTK's headers (Debian packages g++ and libdcmtk-dev) are missing: no in-process DCMTK baseline");
            return null;
        }
        Files.write(source, wanted);
        Process p = new ProcessBuilder("/usr/bin/g++", "-O2", "-o", binary.toString(), source.toString(), "-ldcmjpls", "-ldcmjpeg",
                "-ldcmimgle", "-ldcmdata", "-loflog", "-lofstd", "-lijg8", "-lijg12", "-lijg16", "-ldcmtkcharls")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            System.err.println("building the DCMTK decode loop failed: no in-process DCMTK baseline\n" + output);
            return null;
        }
        return binary;
    }

    /** The seconds DCMTK took to read and decode {@code files}, as the loop measured them. */
    static double seconds(Path binary, List<Path> files) throws IOException, InterruptedException {
        return seconds(binary, files, false);
    }

    /**
     * The same, keeping every decoded data set until the last file is done when {@code keep} (as a viewer loading a
     * series keeps its slices: each slice then needs fresh memory, where the loop otherwise reuses the last one's).
     */
    static double seconds(Path binary, List<Path> files, boolean keep) throws IOException, InterruptedException {
        List<String> command = keep ? List.of(binary.toString(), "keep") : List.of(binary.toString());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (Path f : files) {
                w.write(f + "\n");
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException("the DCMTK decode loop failed on " + files.getFirst().getParent());
        }
        return Double.parseDouble(out.split(" ")[0]);
    }
}
