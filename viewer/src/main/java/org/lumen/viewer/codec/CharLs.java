// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Colour JPEG-LS (every interleave mode) through CharLS 2 ({@code libcharls}), called with the FFM
 * API; Lumen's own {@link JpegLsDecoder} keeps greyscale. Optional at run time like {@link OpenJpeg}:
 * {@link #unavailableReason()} names the package when the library is missing.
 */
public final class CharLs {

    /** The Debian package that ships the library. */
    public static final String DEBIAN_PACKAGE = "libcharls2";

    private static final List<String> LIBRARY_NAMES = List.of("libcharls.so.2", "libcharls.so", "libcharls.2.dylib", "charls-2-x64.dll",
            "charls");
    private static final int INTERLEAVE_NONE = 0;

    private static final MethodHandle CREATE;
    private static final MethodHandle DESTROY;
    private static final MethodHandle SET_SOURCE;
    private static final MethodHandle READ_HEADER;
    private static final MethodHandle FRAME_INFO;
    private static final MethodHandle INTERLEAVE;
    private static final MethodHandle DESTINATION_SIZE;
    private static final MethodHandle DECODE;
    private static final MethodHandle ERROR_MESSAGE;
    private static final String ERROR;

    static {
        SymbolLookup library = null;
        for (String name : LIBRARY_NAMES) {
            try {
                library = SymbolLookup.libraryLookup(name, Arena.global());
                break;
            } catch (IllegalArgumentException notHere) {
                // try the next name
            }
        }
        MethodHandle[] h = new MethodHandle[9];
        String error = null;
        if (library == null) {
            error = "the CharLS library (libcharls) is not installed: install the Debian package " + DEBIAN_PACKAGE;
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                h[0] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_create"), FunctionDescriptor.of(ADDRESS));
                h[1] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_destroy"), FunctionDescriptor.ofVoid(ADDRESS));
                h[2] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_set_source_buffer"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
                h[3] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_read_header"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[4] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_get_frame_info"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                h[5] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_get_interleave_mode"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                h[6] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_get_destination_size"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
                h[7] = linker.downcallHandle(library.findOrThrow("charls_jpegls_decoder_decode_to_buffer"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
                h[8] = linker.downcallHandle(library.findOrThrow("charls_get_error_message"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
            } catch (RuntimeException e) {
                error = "the CharLS library was found but could not be bound: " + e.getMessage();
            }
        }
        CREATE = h[0];
        DESTROY = h[1];
        SET_SOURCE = h[2];
        READ_HEADER = h[3];
        FRAME_INFO = h[4];
        INTERLEAVE = h[5];
        DESTINATION_SIZE = h[6];
        DECODE = h[7];
        ERROR_MESSAGE = h[8];
        ERROR = error;
    }

    private CharLs() { }

    public static boolean isAvailable() {
        return ERROR == null;
    }

    /** Why the library is missing, naming the package to install; null when it is available. */
    public static String unavailableReason() {
        return ERROR;
    }

    /**
     * A decoded image: one array per component of {@code width × height} unsigned samples, row-major.
     *
     * @param bitsPerSample the codestream's precision
     */
    public record Image(int width, int height, int bitsPerSample, int[][] components) { }

    public static Image decode(byte[] data) throws JpegException {
        if (!isAvailable()) {
            throw new JpegException(ERROR);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, source, JAVA_BYTE, 0, data.length);
            MemorySegment decoder = (MemorySegment) CREATE.invokeExact();
            if (decoder.address() == 0) {
                throw new JpegException("CharLS could not create a decoder");
            }
            try {
                check((int) SET_SOURCE.invokeExact(decoder, source, (long) data.length));
                check((int) READ_HEADER.invokeExact(decoder));
                MemorySegment info = arena.allocate(16, 4); // charls_frame_info: width, height, bits_per_sample, component_count
                check((int) FRAME_INFO.invokeExact(decoder, info));
                int width = info.get(JAVA_INT, 0);
                int height = info.get(JAVA_INT, 4);
                int bits = info.get(JAVA_INT, 8);
                int count = info.get(JAVA_INT, 12);
                MemorySegment mode = arena.allocate(JAVA_INT);
                check((int) INTERLEAVE.invokeExact(decoder, mode));
                MemorySegment size = arena.allocate(JAVA_LONG);
                check((int) DESTINATION_SIZE.invokeExact(decoder, 0, size));
                long bytes = size.get(JAVA_LONG, 0);
                MemorySegment out = arena.allocate(bytes);
                check((int) DECODE.invokeExact(decoder, out, bytes, 0));
                // Interleave mode none comes back plane by plane, line and sample modes pixel by pixel.
                boolean planar = mode.get(JAVA_INT, 0) == INTERLEAVE_NONE;
                int pixels = width * height;
                int[][] components = new int[count][pixels];
                boolean wide = bits > 8;
                for (int c = 0; c < count; c++) {
                    for (int i = 0; i < pixels; i++) {
                        long index = planar ? (long) c * pixels + i : (long) i * count + c;
                        components[c][i] = wide ? out.get(JAVA_SHORT.withOrder(ByteOrder.nativeOrder()), 2 * index) & 0xFFFF
                                : out.get(JAVA_BYTE, index) & 0xFF;
                    }
                }
                return new Image(width, height, bits, components);
            } finally {
                DESTROY.invokeExact(decoder);
            }
        } catch (JpegException e) {
            throw e;
        } catch (Throwable e) {
            throw new JpegException("CharLS failed: " + e);
        }
    }

    private static void check(int errc) throws Throwable {
        if (errc != 0) {
            MemorySegment message = (MemorySegment) ERROR_MESSAGE.invokeExact(errc);
            throw new JpegException("CharLS: " + (message.address() == 0 ? "error " + errc : message.reinterpret(1024).getString(0)));
        }
    }
}
