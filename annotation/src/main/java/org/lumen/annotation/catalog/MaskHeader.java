// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Reads only the header of a MaskCodec blob (magic and grid size), so a pre-encoded mask can be
 * checked against its geometry in microseconds instead of being decoded in full.
 */
final class MaskHeader {

    private static final int MAGIC = 0x4C4D4B31; // "LMK1", as MaskCodec writes it

    private MaskHeader() { }

    static void check(byte[] blob, VolumeGeometry geometry) {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(blob), inflater))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("the encoded mask is not a Lumen label mask (no LMK1 header)");
            }
            int columns = in.readInt();
            int rows = in.readInt();
            int slices = in.readInt();
            if (columns != geometry.columns() || rows != geometry.rows() || slices != geometry.slices()) {
                throw new IllegalArgumentException("the encoded mask is " + columns + "x" + rows + "x" + slices
                        + " but its grid is " + geometry.columns() + "x" + geometry.rows() + "x" + geometry.slices());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the encoded mask cannot be read: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
