// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Who an instance is, read from the first bytes of it as they arrive from the network, before the rest
 * has come: from the file meta information of a Part 10 file, or from the SOP Class and Instance UIDs
 * at the start of a bare data set (whose transfer syntax the sender names). Only the little-endian
 * encodings are read; the elements read are short, fixed ones, so no DICOM toolkit is needed.
 */
public final class InstanceHeads {

    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    /** @param part10 whether the bytes start with the preamble, "DICM" and meta information */
    public record Head(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, boolean part10) {
    }

    private InstanceHeads() { }

    /** Whether {@code head} starts as a Part 10 file does (128-byte preamble, then "DICM"). */
    public static boolean isPart10(byte[] head, int length) {
        return length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    /**
     * Reads the identity from the first {@code length} bytes of an instance.
     *
     * @param bareTransferSyntax the transfer syntax of a bare data set (the sender's word for it); null means
     *                           Explicit VR Little Endian, DICOMweb's default
     * @throws IOException when the bytes do not say it, with the reason
     */
    public static Head read(byte[] head, int length, String bareTransferSyntax) throws IOException {
        if (isPart10(head, length)) {
            String[] found = scan(head, length, 132, true, 0x0002, 0x0002, 0x0003, 0x0010);
            if (found[0] == null || found[1] == null || found[2] == null) {
                throw new IOException("its file meta information lacks the SOP class, SOP instance or transfer syntax UID");
            }
            return new Head(found[0], found[1], found[2], true);
        }
        String ts = bareTransferSyntax == null || bareTransferSyntax.isBlank() ? EXPLICIT_VR_LITTLE_ENDIAN : bareTransferSyntax.strip();
        if (ts.equals(EXPLICIT_VR_BIG_ENDIAN) || ts.equals(DEFLATED)) {
            throw new IOException("a data set in transfer syntax " + ts + " without file meta information is not read");
        }
        String[] found = scan(head, length, 0, !ts.equals(IMPLICIT_VR_LITTLE_ENDIAN), 0x0008, 0x0016, 0x0018);
        if (found[0] == null || found[1] == null) {
            throw new IOException("neither file meta information nor a SOP Class and Instance UID at the start of the data set");
        }
        return new Head(found[0], found[1], ts, false);
    }

    /** The values of elements {@code (group, elements…)}, read from {@code start} until an element after the last one. */
    private static String[] scan(byte[] b, int length, int start, boolean explicit, int group, int... elements) {
        String[] found = new String[elements.length];
        int last = elements[elements.length - 1];
        int at = start;
        while (at + 8 <= length) {
            int g = u16(b, at);
            int e = u16(b, at + 2);
            long valueLength;
            int header;
            if (explicit) {
                String vr = new String(b, at + 4, 2, StandardCharsets.US_ASCII);
                if (longForm(vr)) {
                    if (at + 12 > length) {
                        break;
                    }
                    valueLength = u32(b, at + 8);
                    header = 12;
                } else {
                    valueLength = u16(b, at + 6);
                    header = 8;
                }
            } else {
                valueLength = u32(b, at + 4);
                header = 8;
            }
            if (g > group || g == group && e > last || valueLength == 0xFFFFFFFFL) {
                break;
            }
            int valueAt = at + header;
            if (valueAt + valueLength > length) {
                break;
            }
            for (int k = 0; k < elements.length; k++) {
                if (g == group && e == elements[k]) {
                    found[k] = uid(b, valueAt, (int) valueLength);
                }
            }
            at = valueAt + (int) valueLength;
        }
        return found;
    }

    private static boolean longForm(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    /** A UI value without its padding (NUL or space); null when empty. */
    private static String uid(byte[] b, int at, int length) {
        String s = new String(b, at, length, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
        return s.isEmpty() ? null : s;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
