// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * JPEG 2000 and HTJ2K decoding through OpenJPEG 2.5 ({@code libopenjp2}), called with the FFM API.
 * The library is optional: when it cannot be loaded, {@link #isAvailable()} is false and
 * {@link #unavailableReason()} says why and which package provides it. Thread-safe: every decode
 * has its own codec, stream and memory.
 */
public final class OpenJpeg {

    /** The Debian package that ships the library. */
    public static final String DEBIAN_PACKAGE = "libopenjp2-7";
    /** The system property that names the one library file to load instead of the usual names. */
    public static final String LIBRARY_PROPERTY = "lumen.openjpeg.library";

    /**
     * Names or paths the library is looked up by, in order; the system property {@value #LIBRARY_PROPERTY} replaces
     * them by one (a test points it at a missing name to check the fallback).
     */
    private static final List<String> LIBRARY_NAMES = System.getProperty(OpenJpeg.LIBRARY_PROPERTY) != null
            ? List.of(System.getProperty(OpenJpeg.LIBRARY_PROPERTY))
            : List.of("libopenjp2.so.7", "libopenjp2.so", "libopenjp2.7.dylib", "libopenjp2.dylib", "openjp2.dll", "openjp2");
    private static final int CODEC_J2K = 0;
    private static final int CODEC_JP2 = 2;
    /** sizeof(opj_dparameters_t) is about 8.3 KiB in 2.5 (two 4 KiB path buffers); twice that is safe. */
    private static final long DECODER_PARAMETERS_SIZE = 16 * 1024;
    // opj_image_t and opj_image_comp_t field offsets on 64-bit platforms (openjpeg.h 2.x).
    private static final long IMAGE_NUMCOMPS = 16;
    private static final long IMAGE_COMPS = 24;
    private static final long COMP_SIZE = 64;
    private static final long COMP_W = 8;
    private static final long COMP_H = 12;
    private static final long COMP_PREC = 24;
    private static final long COMP_SGND = 32;
    private static final long COMP_DATA = 48;
    // The in-memory stream's state, one per decode: address and length of the codestream, read position.
    private static final long STATE_ADDRESS = 0;
    private static final long STATE_LENGTH = 8;
    private static final long STATE_POSITION = 16;

    private static final Native NATIVE = Native.load();
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();

    private OpenJpeg() { }

    public static boolean isAvailable() {
        return NATIVE.error == null;
    }

    /** Why the library is missing, naming the package to install; null when it is available. */
    public static String unavailableReason() {
        return NATIVE.error;
    }

    /** OpenJPEG's version string, e.g. "2.5.0"; null when it is not available. */
    public static String version() {
        return NATIVE.version;
    }

    /**
     * A decoded image: one array of values per component, {@code width × height}, row-major.
     *
     * @param precision bits per value as the codestream declares them
     */
    public record Image(int width, int height, int precision, boolean signed, int[][] components) { }

    /** Decodes a JPEG 2000 codestream (J2K, HTJ2K) or JP2 file held in {@code data}. */
    public static Image decode(byte[] data) throws JpegException {
        if (!isAvailable()) {
            throw new JpegException(NATIVE.error);
        }
        try {
            return NATIVE.decode(data);
        } catch (JpegException e) {
            throw e;
        } catch (Throwable e) {
            throw new JpegException("OpenJPEG failed: " + e);
        }
    }

    /** The bound functions and the stream callbacks, created once. */
    private static final class Native {
        final String error;
        final String version;
        MethodHandle createDecompress;
        MethodHandle setDefaultDecoderParameters;
        MethodHandle setupDecoder;
        MethodHandle setErrorHandler;
        MethodHandle streamCreate;
        MethodHandle streamSetReadFunction;
        MethodHandle streamSetSkipFunction;
        MethodHandle streamSetSeekFunction;
        MethodHandle streamSetUserData;
        MethodHandle streamSetUserDataLength;
        MethodHandle readHeader;
        MethodHandle decode;
        MethodHandle endDecompress;
        MethodHandle imageDestroy;
        MethodHandle streamDestroy;
        MethodHandle destroyCodec;
        MemorySegment readStub;
        MemorySegment skipStub;
        MemorySegment seekStub;
        MemorySegment errorStub;

        private Native(String error, String version) {
            this.error = error;
            this.version = version;
        }

        static Native load() {
            SymbolLookup library = null;
            for (String name : LIBRARY_NAMES) {
                try {
                    library = SymbolLookup.libraryLookup(name, Arena.global());
                    break;
                } catch (IllegalArgumentException notHere) {
                    // try the next name
                }
            }
            if (library == null) {
                return new Native("the OpenJPEG library (libopenjp2) is not installed: install the Debian package "
                        + DEBIAN_PACKAGE + " (or OpenJPEG 2.5 for this system)", null);
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = library;
                MethodHandle versionHandle = linker.downcallHandle(lib.findOrThrow("opj_version"), FunctionDescriptor.of(ADDRESS));
                String version = ((MemorySegment) versionHandle.invokeExact()).reinterpret(64).getString(0);
                Native n = new Native(null, version);
                n.createDecompress = linker.downcallHandle(lib.findOrThrow("opj_create_decompress"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
                n.setDefaultDecoderParameters = linker.downcallHandle(lib.findOrThrow("opj_set_default_decoder_parameters"),
                        FunctionDescriptor.ofVoid(ADDRESS));
                n.setupDecoder = linker.downcallHandle(lib.findOrThrow("opj_setup_decoder"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                n.setErrorHandler = linker.downcallHandle(lib.findOrThrow("opj_set_error_handler"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
                n.streamCreate = linker.downcallHandle(lib.findOrThrow("opj_stream_create"), FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_INT));
                n.streamSetReadFunction = linker.downcallHandle(lib.findOrThrow("opj_stream_set_read_function"),
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
                n.streamSetSkipFunction = linker.downcallHandle(lib.findOrThrow("opj_stream_set_skip_function"),
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
                n.streamSetSeekFunction = linker.downcallHandle(lib.findOrThrow("opj_stream_set_seek_function"),
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
                n.streamSetUserData = linker.downcallHandle(lib.findOrThrow("opj_stream_set_user_data"),
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
                n.streamSetUserDataLength = linker.downcallHandle(lib.findOrThrow("opj_stream_set_user_data_length"),
                        FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
                n.readHeader = linker.downcallHandle(lib.findOrThrow("opj_read_header"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
                n.decode = linker.downcallHandle(lib.findOrThrow("opj_decode"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
                n.endDecompress = linker.downcallHandle(lib.findOrThrow("opj_end_decompress"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                n.imageDestroy = linker.downcallHandle(lib.findOrThrow("opj_image_destroy"), FunctionDescriptor.ofVoid(ADDRESS));
                n.streamDestroy = linker.downcallHandle(lib.findOrThrow("opj_stream_destroy"), FunctionDescriptor.ofVoid(ADDRESS));
                n.destroyCodec = linker.downcallHandle(lib.findOrThrow("opj_destroy_codec"), FunctionDescriptor.ofVoid(ADDRESS));
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                n.readStub = linker.upcallStub(lookup.findStatic(Native.class, "read",
                                MethodType.methodType(long.class, MemorySegment.class, long.class, MemorySegment.class)),
                        FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS), Arena.global());
                n.skipStub = linker.upcallStub(lookup.findStatic(Native.class, "skip",
                                MethodType.methodType(long.class, long.class, MemorySegment.class)),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS), Arena.global());
                n.seekStub = linker.upcallStub(lookup.findStatic(Native.class, "seek",
                                MethodType.methodType(int.class, long.class, MemorySegment.class)),
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS), Arena.global());
                n.errorStub = linker.upcallStub(lookup.findStatic(Native.class, "error",
                                MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class)),
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), Arena.global());
                if (!version.startsWith("2.")) {
                    return new Native("OpenJPEG " + version + " is installed but Lumen needs 2.x (Debian " + DEBIAN_PACKAGE + ")", version);
                }
                return n;
            } catch (Throwable e) {
                return new Native("the OpenJPEG library was found but could not be bound: " + e.getMessage(), null);
            }
        }

        Image decode(byte[] data) throws Throwable {
            boolean jp2 = data.length >= 12 && data[4] == 'j' && data[5] == 'P' && data[6] == ' ' && data[7] == ' ';
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment bytes = arena.allocate(Math.max(1, data.length));
                MemorySegment.copy(data, 0, bytes, JAVA_BYTE_LAYOUT, 0, data.length);
                MemorySegment state = arena.allocate(24, 8);
                state.set(JAVA_LONG, STATE_ADDRESS, bytes.address());
                state.set(JAVA_LONG, STATE_LENGTH, data.length);
                state.set(JAVA_LONG, STATE_POSITION, 0);
                MemorySegment codec = (MemorySegment) createDecompress.invokeExact(jp2 ? CODEC_JP2 : CODEC_J2K);
                if (codec.address() == 0) {
                    throw new JpegException("OpenJPEG could not create a decoder");
                }
                MemorySegment stream = MemorySegment.NULL;
                MemorySegment imageHolder = arena.allocate(ADDRESS);
                LAST_ERROR.remove();
                try {
                    int ignored = (int) setErrorHandler.invokeExact(codec, errorStub, MemorySegment.NULL);
                    MemorySegment parameters = arena.allocate(DECODER_PARAMETERS_SIZE, 8);
                    setDefaultDecoderParameters.invokeExact(parameters);
                    check((int) setupDecoder.invokeExact(codec, parameters), "set up the decoder");
                    stream = (MemorySegment) streamCreate.invokeExact((long) Math.min(1 << 20, Math.max(data.length, 1)), 1);
                    streamSetReadFunction.invokeExact(stream, readStub);
                    streamSetSkipFunction.invokeExact(stream, skipStub);
                    streamSetSeekFunction.invokeExact(stream, seekStub);
                    streamSetUserData.invokeExact(stream, state, MemorySegment.NULL);
                    streamSetUserDataLength.invokeExact(stream, (long) data.length);
                    check((int) readHeader.invokeExact(stream, codec, imageHolder), "read the codestream header");
                    MemorySegment image = imageHolder.get(ADDRESS, 0).reinterpret(48);
                    check((int) decode.invokeExact(codec, stream, image), "decode the codestream");
                    check((int) endDecompress.invokeExact(codec, stream), "finish decoding");
                    return copy(image);
                } finally {
                    MemorySegment image = imageHolder.get(ADDRESS, 0);
                    if (image.address() != 0) {
                        imageDestroy.invokeExact(image);
                    }
                    if (stream.address() != 0) {
                        streamDestroy.invokeExact(stream);
                    }
                    destroyCodec.invokeExact(codec);
                }
            }
        }

        private static final java.lang.foreign.ValueLayout.OfByte JAVA_BYTE_LAYOUT = java.lang.foreign.ValueLayout.JAVA_BYTE;

        private static void check(int ok, String step) throws JpegException {
            if (ok == 0) {
                String detail = LAST_ERROR.get();
                throw new JpegException("OpenJPEG could not " + step + (detail == null ? "" : ": " + detail.strip()));
            }
        }

        private static Image copy(MemorySegment image) throws JpegException {
            int count = image.get(JAVA_INT, IMAGE_NUMCOMPS);
            if (count < 1) {
                throw new JpegException("the JPEG 2000 codestream has no components");
            }
            MemorySegment comps = image.get(ADDRESS, IMAGE_COMPS).reinterpret(COMP_SIZE * count);
            int width = comps.get(JAVA_INT, COMP_W);
            int height = comps.get(JAVA_INT, COMP_H);
            int precision = comps.get(JAVA_INT, COMP_PREC);
            boolean signed = comps.get(JAVA_INT, COMP_SGND) != 0;
            int[][] planes = new int[count][];
            for (int c = 0; c < count; c++) {
                long base = c * COMP_SIZE;
                if (comps.get(JAVA_INT, base + COMP_W) != width || comps.get(JAVA_INT, base + COMP_H) != height) {
                    throw new JpegException("the JPEG 2000 components have different sizes (subsampled components are not supported)");
                }
                MemorySegment values = comps.get(ADDRESS, base + COMP_DATA);
                if (values.address() == 0) {
                    throw new JpegException("OpenJPEG returned no data for component " + c);
                }
                planes[c] = values.reinterpret(4L * width * height).toArray(JAVA_INT);
            }
            return new Image(width, height, precision, signed, planes);
        }

        // Stream callbacks: the user data is the 24-byte state above.

        private static long read(MemorySegment buffer, long wanted, MemorySegment user) {
            MemorySegment state = user.reinterpret(24);
            long length = state.get(JAVA_LONG, STATE_LENGTH);
            long position = state.get(JAVA_LONG, STATE_POSITION);
            long n = Math.min(wanted, length - position);
            if (n <= 0) {
                return -1; // (OPJ_SIZE_T) -1: end of stream
            }
            MemorySegment source = MemorySegment.ofAddress(state.get(JAVA_LONG, STATE_ADDRESS)).reinterpret(length);
            MemorySegment.copy(source, position, buffer.reinterpret(n), 0, n);
            state.set(JAVA_LONG, STATE_POSITION, position + n);
            return n;
        }

        private static long skip(long count, MemorySegment user) {
            MemorySegment state = user.reinterpret(24);
            long length = state.get(JAVA_LONG, STATE_LENGTH);
            long position = state.get(JAVA_LONG, STATE_POSITION);
            long target = Math.clamp(position + count, 0, length);
            state.set(JAVA_LONG, STATE_POSITION, target);
            return target - position;
        }

        private static int seek(long target, MemorySegment user) {
            MemorySegment state = user.reinterpret(24);
            if (target < 0 || target > state.get(JAVA_LONG, STATE_LENGTH)) {
                return 0;
            }
            state.set(JAVA_LONG, STATE_POSITION, target);
            return 1;
        }

        private static void error(MemorySegment message, MemorySegment client) {
            LAST_ERROR.set(message.reinterpret(4096).getString(0));
        }
    }
}
