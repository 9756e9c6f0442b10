// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.lumen.io.Folders;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/**
 * The benchmark's data: a generated chest CT (uncompressed) and the same series transcoded to JPEG
 * lossless with DCMTK's {@code dcmcjpeg} (PixelMed cannot write JPEG lossless). Made once, reused.
 */
final class BenchData {

    private BenchData() { }

    static Path uncompressedCt(Path root, Size size) throws IOException {
        Path dir = root.resolve("ct-" + size + "-noise10-explicit-le");
        if (!Files.exists(dir.resolve("ground-truth.json"))) {
            System.err.printf("generating a %s chest CT phantom in %s ...%n", size, dir);
            Folders.deleteTree(dir);
            // 10 HU of noise: a noise-free phantom would flatter the JPEG lossless decoder.
            Phantoms.writeChestCt(dir, ChestCtSpec.builder().seed(42).size(size).noiseSigmaHu(10).build());
        }
        return dir;
    }

    /** The same series as JPEG Lossless SV1, or null (with the reason on stderr) when dcmcjpeg is missing. */
    static Path jpegLosslessCt(Path root, Path uncompressed, Size size) throws IOException, InterruptedException {
        return transcoded(root.resolve("ct-" + size + "-noise10-jpeg-lossless"), uncompressed, "dcmcjpeg", "+e1");
    }

    /** The same series as JPEG-LS lossless, or null (with the reason on stderr) when dcmcjpls is missing. */
    static Path jpegLsCt(Path root, Path uncompressed, Size size) throws IOException, InterruptedException {
        return transcoded(root.resolve("ct-" + size + "-noise10-jpeg-ls"), uncompressed, "dcmcjpls", "+el");
    }

    static Path transcoded(Path dir, Path uncompressed, String tool, String option) throws IOException, InterruptedException {
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            return dir;
        }
        if (!commandExists(tool)) {
            System.err.println(tool + " not found (Debian package dcmtk): skipping the measurements that need it");
            return null;
        }
        System.err.printf("transcoding with %s %s into %s ...%n", tool, option, dir);
        Folders.deleteTree(dir);
        Files.createDirectories(dir);
        List<Path> files = dicomFiles(uncompressed);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Path f : files) {
                results.add(pool.submit(() -> new ProcessBuilder(tool, option, f.toString(), dir.resolve(f.getFileName()).toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor()));
            }
            for (Future<Integer> r : results) {
                if (r.get() != 0) {
                    throw new IOException(tool + " failed on one of the files in " + uncompressed);
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(tool + " could not run: " + e.getCause().getMessage(), e);
        } finally {
            pool.shutdown();
        }
        Files.writeString(done, "transcoded with " + tool + " " + option + "\n");
        return dir;
    }

    static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().contains(".") || f.getFileName().toString().endsWith(".dcm"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    static boolean commandExists(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
