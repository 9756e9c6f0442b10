// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multipart reader on bodies that arrive in awkward pieces, with parts larger than its buffer. */
class MultipartReaderTest {

    private static final String BOUNDARY = "b0und4ry-x";

    @Test
    void partsLargerThanTheBufferArriveWholeWhateverTheReadSizes() throws IOException {
        Random random = new Random(5);
        List<byte[]> parts = new ArrayList<>();
        for (int size : new int[] {0, 1, 50_000, 200_000, 17}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            // Bytes that start like the delimiter without being one must stay in the content.
            if (size > 1000) {
                byte[] almost = ("\r\n--" + BOUNDARY.substring(0, 5)).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(almost, 0, content, 500, almost.length);
            }
            parts.add(content);
        }
        byte[] body = body("preamble to ignore\r\n", parts, "\r\n--" + BOUNDARY + "--\r\nepilogue");

        for (int piece : new int[] {1, 7, 4096, 1 << 20}) {
            MultipartReader reader = new MultipartReader(trickle(body, piece), BOUNDARY, 1024);
            for (byte[] expected : parts) {
                MultipartReader.Part part = reader.next();
                assertThat(part).isNotNull();
                assertThat(part.header("content-type")).isEqualTo("application/dicom");
                assertThat(part.content().readAllBytes()).as("read in pieces of %d", piece).isEqualTo(expected);
            }
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aPartLeftUnreadIsSkipped() throws IOException {
        byte[] body = body("", List.of(new byte[3000], "second".getBytes(StandardCharsets.US_ASCII)), "\r\n--" + BOUNDARY + "--");
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, 1024);

        reader.next();
        assertThat(new String(reader.next().content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aBodyThatStopsMidPartOrBeforeItsCloseDelimiterIsIncomplete() throws IOException {
        byte[] whole = body("", List.of(new byte[5000]), "\r\n--" + BOUNDARY + "--");
        byte[] cut = java.util.Arrays.copyOf(whole, 3000);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY, 1024);
        InputStream content = reader.next().content();
        assertThatThrownBy(content::readAllBytes).isInstanceOf(EOFException.class).hasMessageContaining("middle of a part");

        byte[] noClose = body("", List.of(new byte[10]), "\r\n--" + BOUNDARY);
        MultipartReader second = new MultipartReader(new ByteArrayInputStream(noClose), BOUNDARY, 1024);
        assertThat(second.next().content().readAllBytes()).hasSize(10);
        assertThatThrownBy(second::next).isInstanceOf(EOFException.class);

        MultipartReader none = new MultipartReader(new ByteArrayInputStream("not multipart".getBytes(StandardCharsets.US_ASCII)), BOUNDARY, 1024);
        assertThatThrownBy(none::next).isInstanceOf(EOFException.class).hasMessageContaining("no boundary");
    }

    @Test
    void mediaTypeParameters() {
        MediaType type = MediaType.parse("Multipart/Related; type=\"application/dicom\"; boundary=\"a;b\" ; transfer-syntax=1.2.840.10008.1.2.1");
        assertThat(type.is("multipart/related")).isTrue();
        assertThat(type.parameter("type")).isEqualTo("application/dicom");
        assertThat(type.parameter("boundary")).isEqualTo("a;b");
        assertThat(type.parameter("transfer-syntax")).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(MediaType.parse(null).type()).isEmpty();
    }

    private static byte[] body(String preamble, List<byte[]> parts, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(preamble.getBytes(StandardCharsets.US_ASCII));
        boolean first = true;
        for (byte[] part : parts) {
            out.write(((first && preamble.isEmpty() ? "" : "\r\n") + "--" + BOUNDARY + "  \r\nContent-Type: application/dicom\r\n"
                    + "Content-Length: " + part.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            first = false;
        }
        out.write(end.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A stream that hands out at most {@code piece} bytes per read, as a network does. */
    private static InputStream trickle(byte[] body, int piece) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, piece));
            }
        };
    }
}
