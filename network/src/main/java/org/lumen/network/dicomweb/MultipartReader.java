// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body (RFC 2046 5.1) part by part as it arrives, with one fixed buffer: a part's
 * content is handed out as a stream that ends at the next delimiter, so neither the body nor a part is
 * ever held whole. A body that ends before its close delimiter ({@code --boundary--}) is an
 * {@link EOFException}: the last part is incomplete.
 */
final class MultipartReader {

    /** Headers of one part beyond this are not a DICOMweb answer. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int DEFAULT_BUFFER = 64 * 1024;

    /** One part: its headers (names in lower case) and its content, readable once, before the next part is asked for. */
    record Part(Map<String, String> headers, InputStream content) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final InputStream in;
    /** CRLF "--" boundary: what ends each part's content. */
    private final byte[] delimiter;
    /** Horspool's shift for each byte value: how far the delimiter may move when that byte ends the window. */
    private final int[] shift = new int[256];
    private final byte[] buf;
    private int pos;
    private int limit;
    /** Bytes before this index are known not to start a delimiter (saves scanning them again). */
    private int clearUpTo;
    private boolean started;
    private boolean finished;
    private Content current;

    MultipartReader(InputStream in, String boundary) {
        this(in, boundary, DEFAULT_BUFFER);
    }

    MultipartReader(InputStream in, String boundary, int bufferSize) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("a multipart boundary has 1 to 70 characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(bufferSize, 2 * delimiter.length + MAX_HEADER_BYTES + 4)];
        java.util.Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
        }
        // The first delimiter may open the body without a CRLF before it: start as if one had come.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** The next part, or null after the close delimiter; what was left unread of the previous part is skipped. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.skipRest();
            current = null;
        } else if (!started) {
            skipPreamble();
        }
        started = true;
        // After a delimiter: "--" closes the body; otherwise optional white space, then CRLF and the part's headers.
        require(2);
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line = readLine();
        if (!line.isBlank()) {
            throw new IOException("the multipart body has text after a boundary: '" + abbreviate(line) + "'");
        }
        int headerBytes = 0;
        while (!(line = readLine()).isEmpty()) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        current = new Content();
        return new Part(Map.copyOf(headers), current);
    }

    private void skipPreamble() throws IOException {
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            pos = Math.max(pos, limit - (delimiter.length - 1));
            if (!fill()) {
                throw new EOFException("the multipart body has no boundary '" + new String(delimiter, 4, delimiter.length - 4,
                        StandardCharsets.ISO_8859_1) + "'");
            }
        }
    }

    /** A header line without its CRLF. */
    private String readLine() throws IOException {
        while (true) {
            for (int i = pos; i + 1 < limit; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 2;
                    return line;
                }
            }
            if (limit - pos > MAX_HEADER_BYTES) {
                throw new IOException("a part's header line is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (!fill()) {
                throw new EOFException("the multipart body ended in a part's headers");
            }
        }
    }

    private void require(int bytes) throws IOException {
        while (limit - pos < bytes) {
            if (!fill()) {
                throw new EOFException("the multipart body ended after a boundary, without its close delimiter");
            }
        }
    }

    /** Moves what is unread to the front and reads more; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            clearUpTo = Math.max(0, clearUpTo - pos);
            pos = 0;
        }
        if (limit == buf.length) {
            throw new IllegalStateException("buffer full");
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /** Where the next delimiter starts in the unread bytes, or -1 (Boyer-Moore-Horspool: most bytes are never looked at). */
    private int indexOfDelimiter() {
        int m = delimiter.length;
        int i = pos;
        int last = limit - m;
        while (i <= last) {
            int j = m - 1;
            while (j >= 0 && buf[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
            i += shift[buf[i + m - 1] & 0xFF];
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The content of the current part: ends where the next delimiter starts. */
    private final class Content extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int safe = clearUpTo;
                if (safe <= pos) {
                    int at = indexOfDelimiter();
                    if (at == pos) {
                        done = true;
                        pos += delimiter.length;
                        clearUpTo = pos;
                        return -1;
                    }
                    // Bytes before a delimiter, or bytes that cannot be the start of one, may go out.
                    safe = at >= 0 ? at : limit - (delimiter.length - 1);
                    clearUpTo = Math.max(safe, pos);
                }
                if (safe > pos) {
                    int n = Math.min(len, safe - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!fill()) {
                    throw new EOFException("the multipart body ended in the middle of a part");
                }
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
