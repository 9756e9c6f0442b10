// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.util.List;
import org.lumen.annotation.deid.PixelRegion;

/** Blanks rectangles (every frame, every sample) in native, decoded pixel data: where devices burn in names. */
final class PixelMasks {

    private PixelMasks() { }

    static void blank(AttributeList list, List<PixelRegion> regions) throws DicomException {
        Attribute pixels = list.get(TagFromName.PixelData);
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
        int frames = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1));
        boolean planar = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PlanarConfiguration, 0) == 1;
        int bitsAllocated = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16);
        if (rows == 0 || columns == 0) {
            throw new DicomException("the image has no Rows or Columns: its pixels cannot be masked");
        }
        if (bitsAllocated > 8) {
            short[] values = pixels.getShortValues();
            forEachMasked(rows, columns, samples, frames, planar, regions, values.length, i -> values[i] = 0);
            pixels.setValues(values);
        } else {
            byte[] values = pixels.getByteValues();
            forEachMasked(rows, columns, samples, frames, planar, regions, values.length, i -> values[i] = 0);
            pixels.setValues(values);
        }
    }

    private static void forEachMasked(int rows, int columns, int samples, int frames, boolean planar, List<PixelRegion> regions,
                                      int length, java.util.function.IntConsumer blank) {
        int frameSize = rows * columns * samples;
        for (int f = 0; f < frames; f++) {
            for (PixelRegion r : regions) {
                for (int y = r.y(); y < Math.min(rows, r.y() + r.height()); y++) {
                    for (int x = r.x(); x < Math.min(columns, r.x() + r.width()); x++) {
                        for (int s = 0; s < samples; s++) {
                            int i = f * frameSize + (planar ? s * rows * columns + y * columns + x : (y * columns + x) * samples + s);
                            if (i < length) {
                                blank.accept(i);
                            }
                        }
                    }
                }
            }
        }
    }
}
