// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/**
 * Where the Pixel Data value starts in the file, so uncompressed frames are read straight from disk.
 * {@code offset} is -1 when unknown; {@code encapsulated} means compressed fragments follow;
 * {@code floatBytes} is 4 for Float Pixel Data, 8 for Double Float Pixel Data, 0 for integer Pixel Data;
 * {@code stamp} is the file's size and modification time when the header was read (null when not known), which a
 * decode checks before it trusts the offset (ADR 0034).
 */
public record PixelDataLocation(long offset, long length, boolean encapsulated, int floatBytes, FileStamp stamp) {

    public static final PixelDataLocation UNKNOWN = new PixelDataLocation(-1, -1, false);

    /** Integer Pixel Data (7FE0,0010). */
    public PixelDataLocation(long offset, long length, boolean encapsulated) {
        this(offset, length, encapsulated, 0);
    }

    public PixelDataLocation(long offset, long length, boolean encapsulated, int floatBytes) {
        this(offset, length, encapsulated, floatBytes, null);
    }

    /** The same location, valid while the file keeps {@code fileStamp}. */
    public PixelDataLocation stamped(FileStamp fileStamp) {
        return isKnown() ? new PixelDataLocation(offset, length, encapsulated, floatBytes, fileStamp) : this;
    }

    public boolean isFloat() { return floatBytes > 0; }

    public boolean isKnown() { return offset >= 0; }
}
