// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Splits encapsulated Pixel Data (PS3.5 A.4) into one compressed codestream per frame: all
 * fragments for a single frame, one fragment per frame, by the Basic Offset Table, or where a fragment
 * starts a codestream.
 */
final class EncapsulatedFrames {

    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_END = 0xFFFEE0DD;

    private EncapsulatedFrames() { }

    /** As {@link #read}, with a failure to read the file said as the file's problem. */
    static List<byte[]> readOrRefuse(InstanceHeader header) throws UnusableFileException {
        try {
            return read(header);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read pixel data: " + DicomHeaderReader.describe(e), e);
        }
    }

    /** The frames' codestreams, or null when the fragments cannot be assigned to frames unambiguously. */
    static List<byte[]> read(InstanceHeader header) throws IOException, UnusableFileException {
        long offset = header.pixelData().offset();
        long length = header.pixelData().length();
        ByteBuffer value = ByteBuffer.allocate((int) Math.min(length, Integer.MAX_VALUE - 16)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(header.file(), StandardOpenOption.READ)) {
            while (value.hasRemaining() && channel.read(value, offset + value.position()) > 0) {
                // read until full or end of file
            }
        }
        value.flip();
        long[] offsetTable = null;
        List<long[]> fragments = new ArrayList<>(); // {start in value, length, offset relative to first fragment}
        long firstFragmentStart = -1;
        boolean first = true;
        while (value.remaining() >= 8) {
            int tag = value.getShort() << 16 | value.getShort() & 0xFFFF;
            long itemLength = value.getInt() & 0xFFFFFFFFL;
            if (tag == SEQUENCE_END) {
                break;
            }
            if (tag != ITEM || itemLength > value.remaining()) {
                throw new UnusableFileException("truncated or corrupt encapsulated pixel data (fragment " + fragments.size() + ")");
            }
            if (first) {
                offsetTable = new long[(int) (itemLength / 4)];
                for (int i = 0; i < offsetTable.length; i++) {
                    offsetTable[i] = value.getInt() & 0xFFFFFFFFL;
                }
                first = false;
                continue;
            }
            int start = value.position();
            if (firstFragmentStart < 0) {
                firstFragmentStart = start - 8;
            }
            fragments.add(new long[] {start, itemLength, start - 8 - firstFragmentStart});
            value.position((int) (start + itemLength));
        }
        int frames = header.frames();
        List<byte[]> result = new ArrayList<>(frames);
        if (frames == 1) {
            result.add(concatenate(value, fragments));
        } else if (fragments.size() == frames) {
            for (long[] f : fragments) {
                result.add(concatenate(value, List.of(f)));
            }
        } else if (offsetTable != null && offsetTable.length == frames) {
            for (int i = 0; i < frames; i++) {
                long from = offsetTable[i];
                long to = i + 1 < frames ? offsetTable[i + 1] : Long.MAX_VALUE;
                result.add(concatenate(value, fragments.stream().filter(f -> f[2] >= from && f[2] < to).toList()));
            }
        } else {
            List<List<long[]>> byMarker = splitAtFrameStarts(value, fragments);
            if (byMarker.size() != frames) {
                return null;
            }
            for (List<long[]> frame : byMarker) {
                result.add(concatenate(value, frame));
            }
        }
        return result;
    }

    /**
     * Without a usable offset table, fragments are grouped into frames where a fragment begins with a
     * codestream's first marker: JPEG SOI (FFD8) or JPEG 2000 SOC (FF4F). A frame's later fragments
     * continue its entropy-coded data and so do not start with that marker (the encoders write whole
     * codestreams per frame).
     */
    private static List<List<long[]>> splitAtFrameStarts(ByteBuffer value, List<long[]> fragments) {
        List<List<long[]>> frames = new ArrayList<>();
        for (long[] f : fragments) {
            int start = (int) f[0];
            boolean frameStart = f[1] >= 2 && (value.get(start) & 0xFF) == 0xFF
                    && ((value.get(start + 1) & 0xFF) == 0xD8 || (value.get(start + 1) & 0xFF) == 0x4F);
            if (frameStart || frames.isEmpty()) {
                frames.add(new ArrayList<>());
            }
            frames.getLast().add(f);
        }
        return frames;
    }

    private static byte[] concatenate(ByteBuffer value, List<long[]> fragments) {
        if (fragments.size() == 1) {
            byte[] bytes = new byte[(int) fragments.getFirst()[1]];
            value.get((int) fragments.getFirst()[0], bytes);
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long[] f : fragments) {
            out.write(value.array(), value.arrayOffset() + (int) f[0], (int) f[1]);
        }
        return out.toByteArray();
    }
}
