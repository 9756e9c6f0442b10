// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.task.TaskContext;

/**
 * A response body read as a stream by the thread that asked for it, with flow control: the next
 * buffers are requested from the HTTP client only once the previous ones are read, so a fast archive
 * never fills memory. A read waits at most the response timeout for more bytes (a body that stalls
 * is a timeout, however long the whole transfer takes) and looks at the task's cancel flag every
 * 100 ms. A connection that drops is an {@link IOException} from {@code read}; a clean end is -1.
 */
final class StreamingBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    private static final long POLL_MILLIS = 100;
    /** Lists of buffers asked for ahead of the reader: enough to keep the socket busy, few enough to bound memory. */
    private static final int AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final TaskContext task;
    private final Duration stall;
    private final String nodeName;
    private final String what;
    private volatile Flow.Subscription subscription;
    /** Set by {@link #close()}, which may come before the HTTP client subscribes. */
    private volatile boolean closed;
    private Iterator<ByteBuffer> buffers = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;

    /**
     * @param nodeName the node as {@code PacsNode.describe()} says it, for sentences
     * @param what     the request in words, e.g. "a WADO-RS retrieve"
     */
    StreamingBody(TaskContext task, Duration stall, String nodeName, String what) {
        this.task = task;
        this.stall = stall;
        this.nodeName = nodeName;
        this.what = what;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(AHEAD);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrived.add(throwable);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (ended) {
                return -1;
            }
            next();
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (!ended && s != null) {
            s.cancel();
        }
        ended = true;
    }

    /** Waits for the next buffers, the end, or a failure; asks for more once they are taken. */
    @SuppressWarnings("unchecked")
    private void next() throws IOException {
        long deadline = System.nanoTime() + stall.toNanos();
        while (true) {
            if (task.isCancelled()) {
                close();
                throw new NetworkException(Reason.CANCELLED, what + " on " + nodeName + " was cancelled");
            }
            Object item;
            try {
                item = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new NetworkException(Reason.CANCELLED, what + " on " + nodeName + " was interrupted", e);
            }
            if (item == null) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new NetworkException(Reason.TIMEOUT, nodeName + " stopped sending during " + what + " for "
                            + stall.toSeconds() + " s");
                }
                continue;
            }
            if (item == END) {
                ended = true;
                return;
            }
            if (item instanceof Throwable failure) {
                ended = true;
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            buffers = ((List<ByteBuffer>) item).iterator();
            subscription.request(1);
            return;
        }
    }
}
