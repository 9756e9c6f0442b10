// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads pixel samples straight from the end of a phantom's DICOM file: the writer puts PixelData
 * (OW, little endian, even length) last, so the file's final bytes are the samples. Keeps these
 * tests free of any DICOM toolkit.
 */
final class RawPixels {

    private RawPixels() { }

    static short[] lastSamples(Path file, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, bytes.length - 2 * count, 2 * count).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[count];
        buffer.asShortBuffer().get(samples);
        return samples;
    }
}
