// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream whose deflating runs on a pool, block by block, as pigz does: the data is cut into
 * blocks of {@link #BLOCK_BYTES}, each block is deflated on its own (primed with the 32 KiB before it,
 * so the ratio stays close to a single stream's) and ends on a byte boundary with a sync flush, and the
 * blocks are written in order: one gzip member that every reader (zlib, Python's gzip, Java's
 * {@code GZIPInputStream}) reads as usual. The CRC is computed on the writing thread, which is cheap
 * beside deflating. At most twice the pool's width of blocks are in flight, so memory stays bounded.
 * Not thread-safe: one writer.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** Big enough that a sync flush per block costs nothing measurable, small enough to keep every core busy. */
    static final int BLOCK_BYTES = 1 << 20;
    private static final int DICTIONARY_BYTES = 1 << 15;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final Executor pool;
    private final int level;
    private final int window;
    private final CRC32 crc = new CRC32();
    private final ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK_BYTES];
    private int filled;
    private byte[] previous;
    private long total;
    private boolean finished;

    /**
     * @param level       the deflate level (1, {@link Deflater#BEST_SPEED}, is what {@code gzip -1} uses)
     * @param parallelism how many blocks the pool deflates at once (its thread count)
     */
    public ParallelGzipOutputStream(OutputStream out, Executor pool, int parallelism, int level) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.level = level;
        this.window = 2 * Math.max(1, parallelism);
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (finished) {
            throw new IOException("the gzip stream is finished already");
        }
        while (length > 0) {
            int n = Math.min(length, BLOCK_BYTES - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == BLOCK_BYTES) {
                submit(false);
            }
        }
    }

    /** Deflates what is left as the last block, writes every block and the trailer; the underlying stream stays open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        submit(true);
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        long value = crc.getValue();
        out.write(new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24),
            (byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24)});
        finished = true;
    }

    /** Finishes the stream and closes the underlying one; after a failure, drops the blocks still in flight. */
    @Override
    public void close() throws IOException {
        try {
            if (!finished) {
                finish();
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
            out.close();
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] data = filled == BLOCK_BYTES ? block : Arrays.copyOf(block, filled);
        crc.update(data, 0, data.length);
        total += data.length;
        byte[] dictionary = previous;
        inFlight.add(CompletableFuture.supplyAsync(() -> deflate(data, dictionary, last, level), pool));
        previous = data.length >= DICTIONARY_BYTES ? data : null;
        block = new byte[BLOCK_BYTES];
        filled = 0;
        while (inFlight.size() > window) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("compressing failed: " + cause.getMessage(), cause);
        }
    }

    /** One block as raw deflate data: ends on a byte boundary (sync flush), or with the final block bit when last. */
    static byte[] deflate(byte[] data, byte[] dictionary, boolean last, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary, dictionary.length - DICTIONARY_BYTES, DICTIONARY_BYTES);
            }
            deflater.setInput(data);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n = last ? deflater.deflate(buffer) : deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                compressed.write(buffer, 0, n);
                if (last ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                    break;
                }
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
