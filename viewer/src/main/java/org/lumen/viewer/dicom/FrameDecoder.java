// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.lumen.viewer.codec.OpenJpeg;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.FloatFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.FileStamp;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.PixelDataLocation;

/**
 * Decodes frames of an indexed instance. Uncompressed greyscale frames are read straight from the
 * file at the Pixel Data offset the header reader found (one positioned read, no parsing); JPEG
 * lossless and 12-bit extended greyscale go to Lumen's own decoders ({@link NativeJpegFrames}); JPEG 2000 and
 * HTJ2K to OpenJPEG when it is installed ({@link OpenJpegFrames}); RLE except palette colour to Lumen's RLE decoder
 * ({@link RleFrames}); every other case goes through PixelMed and its
 * codecs ({@link CodecFrameDecoder}).
 */
public final class FrameDecoder {

    private static final ThreadLocal<ByteBuffer> BUFFERS = new ThreadLocal<>();
    private static final ThreadLocal<short[]> SCRATCH = new ThreadLocal<>();
    /** Opening with a set made once skips the varargs overload's HashSet per frame. */
    private static final java.util.Set<StandardOpenOption> READ = java.util.Set.of(StandardOpenOption.READ);
    /** Made on first use: the window makes this class on the FX thread, and a logger made then configured logging there (ADR 0023). */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FrameDecoder.class);
    }
    private static final java.util.concurrent.atomic.AtomicBoolean JAI_WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private final CodecFrameDecoder codecs = new CodecFrameDecoder();

    /** Decodes one frame (0-based). Multi-frame compressed objects are better read with {@link #decodeAll}. */
    public DecodedFrame decode(InstanceHeader header, int frame) throws UnusableFileException {
        checkDecodable(header, frame);
        if (isDirectReadable(header)) {
            return readDirect(header, frame);
        }
        return decodeAll(header).get(frame);
    }

    /** Decodes every frame of the instance with one pass over the file. */
    public List<DecodedFrame> decodeAll(InstanceHeader header) throws UnusableFileException {
        checkDecodable(header, 0);
        if (isDirectReadable(header)) {
            DecodedFrame[] frames = new DecodedFrame[header.frames()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = readDirect(header, i);
            }
            return List.of(frames);
        }
        if (isDeflatedFloat(header)) {
            return readDeflatedFloats(header);
        }
        if (NativeJpegFrames.applies(header)) {
            List<DecodedFrame> frames = NativeJpegFrames.decode(header);
            if (frames != null) {
                return frames;
            }
        }
        if (JpegLsColourFrames.applies(header)) {
            List<DecodedFrame> frames = JpegLsColourFrames.decode(header);
            if (frames != null) {
                return frames;
            }
        }
        if (RleFrames.applies(header)) {
            List<DecodedFrame> frames = RleFrames.decode(header);
            if (frames != null) {
                return frames;
            }
        }
        if (OpenJpegFrames.applies(header)) {
            List<DecodedFrame> frames = OpenJpegFrames.decode(header);
            if (frames != null) {
                return frames;
            }
        }
        return undecodedByNative(header);
    }

    /** PixelMed's codecs, for what Lumen's own decoders do not take. */
    private List<DecodedFrame> undecodedByNative(InstanceHeader header) throws UnusableFileException {
        if (OpenJpegFrames.isJpeg2000(header.transferSyntaxUid()) && !OpenJpeg.isAvailable() && JAI_WARNED.compareAndSet(false, true)) {
            Log.LOG.warn("JPEG 2000 goes to jai-imageio, which decodes files with several quality layers wrongly: {}",
                    OpenJpeg.unavailableReason());
        }
        return codecs.decode(header);
    }

    private static void checkDecodable(InstanceHeader header, int frame) throws UnusableFileException {
        if (!header.hasPixels()) {
            throw new UnusableFileException("no pixel data: " + header.kind().description());
        }
        if (frame < 0 || frame >= header.frames()) {
            throw new UnusableFileException("frame " + frame + " does not exist; the object has " + header.frames());
        }
        String undecodable = TransferSyntaxes.undecodableReason(header.transferSyntaxUid(), header.pixels());
        if (undecodable != null) {
            throw new UnusableFileException(undecodable);
        }
        checkUnchanged(header);
    }

    /**
     * Pixels are read at the offset the header gave, without parsing it again: the file must still have the size and
     * modification time it had then (ADR 0034), or another file's bytes could be shown as this image's.
     */
    private static void checkUnchanged(InstanceHeader header) throws UnusableFileException {
        FileStamp read = header.pixelData().stamp();
        if (read == null) {
            return;
        }
        FileStamp now;
        try {
            now = FileStamp.of(header.file());
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("file not found: it was removed after its header was read");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + DicomHeaderReader.describe(e), e);
        }
        String change = read.changeTo(now);
        if (change != null) {
            throw new UnusableFileException("changed on disk after its header was read (" + change + "): open it again");
        }
    }

    /** The compressed codestream of each frame of an encapsulated instance, or null when they cannot be told apart (benchmarks). */
    public static List<byte[]> codestreams(InstanceHeader header) throws UnusableFileException {
        return EncapsulatedFrames.readOrRefuse(header);
    }

    /** True for native (uncompressed) greyscale pixel data of 8 or 16 bits at a known offset. */
    public static boolean isDirectReadable(InstanceHeader header) {
        PixelDataLocation location = header.pixelData();
        PixelDescription p = header.pixels();
        return location.isKnown() && !location.encapsulated() && p.samplesPerPixel() == 1
                && !TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(header.transferSyntaxUid())
                && p.photometric().isMonochrome() && (p.bitsAllocated() == 16 || p.bitsAllocated() == 8 || location.isFloat());
    }

    /**
     * One positioned read into this thread's direct buffer, then one copy into the values array in the file's byte
     * order (ADR 0028; mapping the file instead measured no faster, its unmapping costing what the read saved).
     */
    private static DecodedFrame readDirect(InstanceHeader header, int frame) throws UnusableFileException {
        return values(header.pixels(), readFrameBytes(header, frame), byteOrder(header), header.pixelData().isFloat());
    }

    /** Turns the stored values of one frame into what its caller keeps, in place (for example the modality LUT). */
    @FunctionalInterface
    public interface StoredValuesTransform {
        /** Transforms the first {@code count} values of {@code values}; {@code unsigned} says how to read them. */
        void apply(short[] values, int count, boolean unsigned);
    }

    /**
     * One frame of 16-bit integer samples read straight from the file (as {@link #decode} would), with
     * {@code transform} applied to its stored values while they are still in this thread's cache-warm scratch array,
     * before their one copy into the returned array: a series load then writes each voxel to memory once, instead
     * of passing over a slice that has just left the cache a second time (ADR 0038). Null when the frame is not
     * such a frame ({@link #isDirectReadable}, 16 bits allocated, not float): decode it the usual way.
     */
    public short[] readTransformed(InstanceHeader header, int frame, StoredValuesTransform transform) throws UnusableFileException {
        PixelDescription p = header.pixels();
        if (!isDirectReadable(header) || header.pixelData().isFloat() || p.bitsAllocated() != 16) {
            return null;
        }
        checkDecodable(header, frame);
        int pixels = p.rows() * p.columns();
        short[] scratch = scratch(pixels);
        MemorySegment.copy(readFrameBytes(header, frame), ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(byteOrder(header)), 0, scratch, 0, pixels);
        boolean unsigned = SampleBits.normaliseInPlace(p, scratch, pixels);
        transform.apply(scratch, pixels, unsigned);
        return java.util.Arrays.copyOf(scratch, pixels);
    }

    private static ByteOrder byteOrder(InstanceHeader header) {
        return TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN.equals(header.transferSyntaxUid()) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** The bytes of one frame, read with one positioned read into this thread's direct buffer (valid until its next read). */
    private static MemorySegment readFrameBytes(InstanceHeader header, int frame) throws UnusableFileException {
        PixelDescription p = header.pixels();
        int frameBytes = p.rows() * p.columns() * (p.bitsAllocated() / 8);
        long offset = header.pixelData().offset() + (long) frame * frameBytes;
        ByteBuffer buffer = buffer(frameBytes);
        try (FileChannel channel = FileChannel.open(header.file(), READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException();
                }
            }
        } catch (EOFException e) {
            throw new UnusableFileException("truncated: frame " + frame + " ends past the end of the file");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read pixel data: " + DicomHeaderReader.describe(e), e);
        }
        return MemorySegment.ofBuffer(buffer.flip());
    }

    /** Float or Double Float Pixel Data in a Deflated Explicit VR Little Endian file, located in its inflated data set. */
    private static boolean isDeflatedFloat(InstanceHeader header) {
        return header.pixelData().isKnown() && header.pixelData().isFloat()
                && TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(header.transferSyntaxUid());
    }

    /** The data set inflated once, each frame then copied as from an uncompressed file. */
    private static List<DecodedFrame> readDeflatedFloats(InstanceHeader header) throws UnusableFileException {
        PixelDescription p = header.pixels();
        long frameBytes = (long) p.rows() * p.columns() * (p.bitsAllocated() / 8);
        MemorySegment inflated = MemorySegment.ofArray(DeflatedDataSet.inflate(header.file()));
        DecodedFrame[] frames = new DecodedFrame[header.frames()];
        for (int i = 0; i < frames.length; i++) {
            long offset = header.pixelData().offset() + i * frameBytes;
            if (offset + frameBytes > inflated.byteSize()) {
                throw new UnusableFileException("truncated: frame " + i + " ends past the end of the inflated data set");
            }
            frames[i] = values(p, inflated.asSlice(offset, frameBytes), ByteOrder.LITTLE_ENDIAN, true);
        }
        return List.of(frames);
    }

    /** One frame's values from its bytes in the file's order: floats for Float/Double Float Pixel Data, else normalised samples. */
    private static DecodedFrame values(PixelDescription p, MemorySegment bytes, ByteOrder order, boolean isFloat) {
        int pixels = p.rows() * p.columns();
        int bytesPerSample = p.bitsAllocated() / 8;
        float[] floats = isFloat ? new float[pixels] : null;
        short[] samples = isFloat || bytesPerSample == 2 ? null : new short[pixels];
        if (isFloat && bytesPerSample == 4) {
            MemorySegment.copy(bytes, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), 0, floats, 0, pixels);
        } else if (isFloat) {
            ValueLayout.OfDouble layout = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
            for (int i = 0; i < pixels; i++) {
                floats[i] = (float) bytes.getAtIndex(layout, i);
            }
        } else if (bytesPerSample == 2) {
            // Through this thread's scratch array: a values array made by Arrays.copyOf is not zeroed first (the JIT
            // knows the copy fills it), which spares a pass over memory the decode has not touched yet (ADR 0034).
            // The bits are normalised there too, while the scratch is in the cache: the copy into the new array leaves
            // it out of the cache, so a pass after the copy would read every value back from memory.
            short[] scratch = scratch(pixels);
            MemorySegment.copy(bytes, ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), 0, scratch, 0, pixels);
            boolean unsigned = SampleBits.normaliseInPlace(p, scratch, pixels);
            return GrayFrame.of16(p.columns(), p.rows(), java.util.Arrays.copyOf(scratch, pixels), unsigned);
        } else {
            for (int i = 0; i < pixels; i++) {
                samples[i] = (short) (bytes.get(ValueLayout.JAVA_BYTE, i) & 0xFF);
            }
        }
        if (isFloat) {
            return new FloatFrame(p.columns(), p.rows(), floats);
        }
        return SampleBits.normalise(p, samples);
    }

    /** A per-thread array of at least {@code size} values, reused like {@link #buffer}. */
    private static short[] scratch(int size) {
        short[] scratch = SCRATCH.get();
        if (scratch == null || scratch.length < size) {
            scratch = new short[Math.max(size, 1 << 18)];
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    /** A per-thread direct buffer: decoding threads reuse it instead of allocating per frame. */
    private static ByteBuffer buffer(int size) {
        ByteBuffer buffer = BUFFERS.get();
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, 1 << 19));
            BUFFERS.set(buffer);
        }
        buffer.clear().limit(size);
        return buffer;
    }
}
