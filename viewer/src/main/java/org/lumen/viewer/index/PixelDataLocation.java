// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/**
 * Where the Pixel Data value starts in the file, so uncompressed frames are read straight from disk.
 * {@code offset} is -1 when unknown; {@code encapsulated} means compressed fragments follow.
 */
public record PixelDataLocation(long offset, long length, boolean encapsulated) {

    public static final PixelDataLocation UNKNOWN = new PixelDataLocation(-1, -1, false);

    public boolean isKnown() { return offset >= 0; }
}
