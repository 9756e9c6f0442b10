// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.Pools;

class ParallelGzipOutputStreamTest {

    private static Pools pools;

    @TempDir
    Path folder;

    @BeforeAll
    static void startPools() {
        pools = new Pools(3);
    }

    @AfterAll
    static void stopPools() {
        pools.close();
    }

    @Test
    void manyBlocksReadBackByteForByte() throws Exception {
        // CT-like data: slowly varying values with noise, across several blocks and a ragged end.
        byte[] data = ctLike(3 * ParallelGzipOutputStream.BLOCK_BYTES + 12_345);
        byte[] gz = gzip(data, 17);
        assertThat(gunzip(gz)).isEqualTo(data);
        assertThat(gz.length).isLessThan(data.length);
    }

    @Test
    void exactBlockMultiplesAndEmptyInputAreWholeMembers() throws Exception {
        byte[] exact = ctLike(2 * ParallelGzipOutputStream.BLOCK_BYTES);
        assertThat(gunzip(gzip(exact, 4096))).isEqualTo(exact);
        assertThat(gunzip(gzip(new byte[0], 1))).isEmpty();
    }

    @Test
    void primingWithThePreviousBlockKeepsTheRatioOfOneStream() throws Exception {
        byte[] data = new byte[4 * ParallelGzipOutputStream.BLOCK_BYTES];
        // One 64 KiB pattern repeated: only a primed block finds the repeat at its start.
        byte[] pattern = new byte[1 << 16];
        new Random(3).nextBytes(pattern);
        for (int at = 0; at < data.length; at += pattern.length) {
            System.arraycopy(pattern, 0, data, at, pattern.length);
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(single)) {
            gzip.write(data);
        }
        byte[] parallel = gzip(data, 1 << 20);
        assertThat(gunzip(parallel)).isEqualTo(data);
        // 4 unprimed blocks would each pay the 64 KiB pattern once more.
        assertThat(parallel.length).isLessThan(single.size() + 4 * 1024);
    }

    @Test
    void theSystemGzipReadsIt() throws Exception {
        Path gzip = Path.of("/usr/bin/gzip");
        Assumptions.assumeTrue(Files.isExecutable(gzip), "gzip is not installed");
        byte[] data = ctLike(2 * ParallelGzipOutputStream.BLOCK_BYTES + 77);
        Path file = folder.resolve("data.gz");
        Files.write(file, gzip(data, 65_536));
        Process p = new ProcessBuilder(gzip.toString(), "-dc", file.toString()).redirectErrorStream(false).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        assertThat(out).isEqualTo(data);
    }

    private static byte[] gzip(byte[] data, int writeSize) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExecutorService pool = pools.decode();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(bytes, pool, pools.decodeThreads(), 1)) {
            for (int at = 0; at < data.length; at += writeSize) {
                gzip.write(data, at, Math.min(writeSize, data.length - at));
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] ctLike(int length) {
        Random random = new Random(length);
        byte[] data = new byte[length];
        for (int n = 0; n + 1 < length; n += 2) {
            int value = (int) (1000 + 300 * Math.sin(n / 5000.0) + random.nextGaussian() * 8);
            data[n] = (byte) value;
            data[n + 1] = (byte) (value >> 8);
        }
        return data;
    }
}
