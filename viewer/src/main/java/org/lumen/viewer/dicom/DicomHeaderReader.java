// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.lumen.viewer.index.FileStamp;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.PixelDataLocation;

/**
 * Reads the header of one DICOM file (everything before Pixel Data) into an {@link InstanceHeader}.
 * Pixels are not decoded; where Pixel Data starts in the file is remembered so uncompressed frames
 * can later be read straight from disk. The file is read once: its first bytes go to the fast
 * parser, and to PixelMed when the fast parser declines (no preamble, big endian, deflate, odd VRs).
 */
public final class DicomHeaderReader {

    /** Most headers fit (more would copy pixel bytes for nothing); larger ones take a second read. */
    private static final int FIRST_READ = 8 * 1024;
    /** Headers larger than this are left to PixelMed's streaming reader. */
    private static final int LARGEST_FAST_HEADER = 16 * 1024 * 1024;
    private static final int PIXEL_DATA_GROUP = 0x7FE0;
    private static final int PIXEL_DATA_ELEMENT = 0x0010;
    private static final java.util.Set<StandardOpenOption> READ = java.util.Set.of(StandardOpenOption.READ);

    /** Reads the header of {@code file}; throws with a one-sentence reason when the file is unusable. */
    public InstanceHeader read(Path file) throws UnusableFileException {
        long size;
        byte[] head;
        FileStamp stamp;
        // One stat (size and modification time, kept so a later decode can trust the pixel offset) and one open for the
        // first bytes: the indexer and every decode of a slice come through here.
        try {
            stamp = FileStamp.of(file);
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("file not found");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + describe(e), e);
        }
        size = stamp.size();
        if (size == 0) {
            throw new UnusableFileException("empty file");
        }
        try (FileChannel channel = FileChannel.open(file, READ)) {
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, FIRST_READ));
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // until the first bytes are in or the file ends (it shrank)
            }
            head = start.position() == start.capacity() ? start.array() : java.util.Arrays.copyOf(start.array(), start.position());
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("file not found");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + describe(e), e);
        }
        DicomSniffer.requireDicom(head, head.length, size);
        try {
            FastHeaderParser.Result parsed;
            try {
                parsed = FastHeaderParser.parse(head, head.length, head.length == size);
            } catch (FastHeaderParser.NeedMoreBytes e) {
                if (size > LARGEST_FAST_HEADER) {
                    throw new FastHeaderParser.Declined();
                }
                head = readStart(file, (int) size);
                parsed = FastHeaderParser.parse(head, head.length, true);
            }
            boolean hasPixels = parsed.pixelDataValue() >= 0;
            PixelDataLocation location = !hasPixels ? PixelDataLocation.UNKNOWN
                    : parsed.pixelDataLength() < 0
                            ? new PixelDataLocation(parsed.pixelDataValue(), size - parsed.pixelDataValue(), true, 0, stamp)
                            : new PixelDataLocation(parsed.pixelDataValue(), parsed.pixelDataLength(), false, parsed.floatBytes(), stamp);
            return HeaderBuilder.build(file, size, parsed.dataSet(), parsed.transferSyntax(), location, hasPixels, !hasPixels);
        } catch (FastHeaderParser.Declined | FastHeaderParser.NeedMoreBytes e) {
            return readWithPixelMed(file, size, head, stamp);
        } catch (RuntimeException e) {
            // A value the fast path could not interpret: PixelMed's more forgiving reader gets the last word.
            return readWithPixelMed(file, size, head, stamp);
        }
    }

    /** The PixelMed path alone, so tests can check the fast parser against it. */
    InstanceHeader readWithPixelMed(Path file) throws UnusableFileException {
        FileStamp stamp = fileStamp(file);
        long size = stamp.size();
        byte[] head = readStart(file, (int) Math.min(size, FIRST_READ));
        DicomSniffer.requireDicom(head, head.length, size);
        return readWithPixelMed(file, size, head, stamp);
    }

    private InstanceHeader readWithPixelMed(Path file, long size, byte[] head, FileStamp stamp) throws UnusableFileException {
        DeclaredLengths.check(file);
        AttributeList list = new AttributeList();
        long consumed;
        String transferSyntax;
        try (InputStream in = head.length == size ? new ByteArrayInputStream(head) : Files.newInputStream(file);
             DicomInputStream dicom = new DicomInputStream(new java.io.BufferedInputStream(in, 16 * 1024))) {
            consumed = list.read(dicom, TagFromName.PixelData);
            transferSyntax = dicom.getTransferSyntaxToReadDataSet() == null
                    ? TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN : dicom.getTransferSyntaxToReadDataSet().getUID();
            String declared = Attributes.string(list, TagFromName.TransferSyntaxUID);
            if (TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax) && declared != null
                    && (declared.startsWith("1.2.840.10008.1.2.4.") || declared.equals("1.2.840.10008.1.2.5"))) {
                // A file meta without its group length: PixelMed reads the (explicit little endian) data set
                // right but does not adopt the compressed syntax the meta declares.
                transferSyntax = declared;
            }
        } catch (EOFException e) {
            throw new UnusableFileException("truncated: the file ends inside the header", e);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException("not readable as DICOM: " + describe(e), e);
        }
        PixelDataLocation location = locatePixelData(file, size, consumed, transferSyntax).stamped(stamp);
        boolean deflated = TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax);
        // In a deflated file PixelMed's byte count is of the inflated stream: judge by the image module instead.
        boolean hasPixelData = location.isKnown() || (deflated ? list.get(TagFromName.Rows) != null
                : consumed < size && pixelDataTagAt(file, consumed - 4));
        com.pixelmed.dicom.Attribute floats = list.get(new com.pixelmed.dicom.AttributeTag(0x7FE0, 0x0008));
        com.pixelmed.dicom.Attribute doubles = list.get(new com.pixelmed.dicom.AttributeTag(0x7FE0, 0x0009));
        if (!location.isKnown() && (floats != null || doubles != null) && TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN.equals(transferSyntax)) {
            PixelDataLocation found = locateBigEndianFloats(file, size, floats != null ? 0x0008 : 0x0009,
                    (floats != null ? floats : doubles).getVL());
            if (found != null) {
                return HeaderBuilder.build(file, size, new PixelMedValues(list), transferSyntax, found.stamped(stamp), true, false);
            }
        }
        if (deflated && (floats != null || doubles != null)) {
            // The offset is in the inflated data set, which the frame decoder inflates again (DeflatedFloatFrames).
            int element = floats != null ? 0x0008 : 0x0009;
            byte[] inflated = DeflatedDataSet.inflate(file);
            long found = DeflatedDataSet.findFloatPixels(inflated, 0, ByteOrder.LITTLE_ENDIAN, element, (floats != null ? floats : doubles).getVL());
            if (found >= 0) {
                // Its size is the inflated data set's, which the pixel data's offset and length are checked against.
                return HeaderBuilder.build(file, inflated.length, new PixelMedValues(list), transferSyntax,
                        new PixelDataLocation(found, (floats != null ? floats : doubles).getVL(), false, element == 0x0008 ? 4 : 8, stamp),
                        true, false);
            }
        }
        if (!location.isKnown() && (floats != null || doubles != null)) {
            // A float element not found where PixelMed read it.
            throw new UnusableFileException("Float Pixel Data in " + TransferSyntaxes.name(transferSyntax)
                    + " cannot be read: its element header is not found exactly once where its value should be");
        }
        return HeaderBuilder.build(file, size, new PixelMedValues(list), transferSyntax, location, hasPixelData, consumed >= size);
    }

    /** Finds Pixel Data's value offset from the byte count PixelMed consumed when it stopped at its tag. */
    private static PixelDataLocation locatePixelData(Path file, long size, long consumed, String transferSyntax) {
        if (consumed >= size || TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax)) {
            return PixelDataLocation.UNKNOWN;
        }
        boolean bigEndian = TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN.equals(transferSyntax);
        boolean implicit = TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax);
        long tagStart = consumed - 4;
        ByteBuffer buffer = ByteBuffer.allocate(12).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.read(buffer, tagStart) < 8) {
                return PixelDataLocation.UNKNOWN;
            }
        } catch (IOException e) {
            return PixelDataLocation.UNKNOWN;
        }
        buffer.flip();
        if ((buffer.getShort(0) & 0xFFFF) != PIXEL_DATA_GROUP || (buffer.getShort(2) & 0xFFFF) != PIXEL_DATA_ELEMENT) {
            return PixelDataLocation.UNKNOWN;
        }
        long length = (implicit ? buffer.getInt(4) : buffer.getInt(8)) & 0xFFFFFFFFL;
        long valueOffset = tagStart + (implicit ? 8 : 12);
        boolean encapsulated = length == 0xFFFFFFFFL;
        return new PixelDataLocation(valueOffset, encapsulated ? size - valueOffset : length, encapsulated);
    }

    /**
     * Where the value of Float (element 0008) or Double Float (0009) Pixel Data of {@code length} bytes starts in an
     * Explicit VR Big Endian file, found by its 12-byte element header (PixelMed reads past it, to any trailing
     * padding); null when it is not there exactly once in the part of the file it can be in.
     */
    private static PixelDataLocation locateBigEndianFloats(Path file, long size, int element, long length) {
        if (length <= 0 || length > size || size > Integer.MAX_VALUE) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        long found = DeflatedDataSet.findFloatPixels(bytes, 132, ByteOrder.BIG_ENDIAN, element, length);
        return found < 0 ? null : new PixelDataLocation(found, length, false, element == 0x0008 ? 4 : 8);
    }

    private static boolean pixelDataTagAt(Path file, long offset) {
        ByteBuffer buffer = ByteBuffer.allocate(4);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset < 0 || channel.read(buffer, offset) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        byte[] b = buffer.array();
        return (b[0] == (byte) 0xE0 && b[1] == 0x7F && b[2] == 0x10 && b[3] == 0)
                || (b[0] == 0x7F && b[1] == (byte) 0xE0 && b[2] == 0 && b[3] == 0x10);
    }

    private static byte[] readStart(Path file, int length) throws UnusableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + describe(e), e);
        }
    }

    private static FileStamp fileStamp(Path file) throws UnusableFileException {
        try {
            return FileStamp.of(file);
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("file not found");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }
}
