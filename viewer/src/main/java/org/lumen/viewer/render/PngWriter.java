// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import org.lumen.io.AtomicFiles;
import org.lumen.io.Folders;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes rendered pixels as a PNG, atomically (temporary file, then rename). */
public final class PngWriter {

    private PngWriter() { }

    public static void writeGray(byte[] pixels, int width, int height, Path out) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, width * height);
        write(image, out);
    }

    public static void writeArgb(int[] pixels, int width, int height, Path out) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(pixels, 0, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), 0, width * height);
        write(image, out);
    }

    private static void write(BufferedImage image, Path out) throws IOException {
        Path target = out.toAbsolutePath();
        Folders.create(target.getParent());
        AtomicFiles.write(target, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
