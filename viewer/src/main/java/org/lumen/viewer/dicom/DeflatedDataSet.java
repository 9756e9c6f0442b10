// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The data set of a Deflated Explicit VR Little Endian file, inflated: the file meta group stays as it
 * is, and everything after it is one raw deflate stream (PS3.5 A.5) of an Explicit VR Little Endian data
 * set. Float and Double Float Pixel Data are then read from the inflated bytes as from an uncompressed file.
 */
final class DeflatedDataSet {

    /** Files whose inflated data set would not fit one array are refused rather than read in part. */
    private static final int LARGEST = Integer.MAX_VALUE - 16;

    private DeflatedDataSet() { }

    /** The inflated data set of {@code file}. */
    static byte[] inflate(Path file) throws UnusableFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + DicomHeaderReader.describe(e), e);
        }
        int start = dataSetStart(bytes);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, start, bytes.length - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1 << 16, (bytes.length - start) * 4));
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // the stream ends without its final block: what came out is read, a short frame says so
                }
                if ((long) out.size() + n > LARGEST) {
                    throw new UnusableFileException("the deflated data set inflates to more than 2 GiB");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new UnusableFileException("the deflated data set is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Where the file meta group (0002,xxxx, Explicit VR Little Endian) ends, after the preamble and "DICM". */
    static int dataSetStart(byte[] bytes) throws UnusableFileException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 132;
        while (at + 8 <= bytes.length && b.getShort(at) == 0x0002) {
            String vr = new String(bytes, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            boolean longForm = switch (vr) {
                case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
                default -> false;
            };
            long length = longForm ? b.getInt(at + 8) & 0xFFFFFFFFL : b.getShort(at + 6) & 0xFFFF;
            at += (longForm ? 12 : 8) + (int) length;
        }
        if (at > bytes.length) {
            throw new UnusableFileException("truncated: the file ends inside its file meta information");
        }
        return at;
    }

    /**
     * Where the value of Float (element 0008) or Double Float (0009) Pixel Data of {@code length} bytes starts in
     * {@code bytes}, found by its 12-byte element header (tag, OF/OD, 0, length) in {@code order}; -1 when it is not
     * there exactly once.
     */
    static long findFloatPixels(byte[] bytes, int from, ByteOrder order, int element, long length) {
        byte[] vr = element == 0x0008 ? new byte[] {'O', 'F'} : new byte[] {'O', 'D'};
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        long found = -1;
        for (int at = from; at + 12 + length <= bytes.length; at++) {
            if (b.getShort(at) == (short) 0x7FE0 && b.getShort(at + 2) == element && bytes[at + 4] == vr[0]
                    && bytes[at + 5] == vr[1] && b.getShort(at + 6) == 0 && (b.getInt(at + 8) & 0xFFFFFFFFL) == length) {
                if (found >= 0) {
                    return -1; // twice: cannot tell which
                }
                found = at + 12;
            }
        }
        return found;
    }
}
