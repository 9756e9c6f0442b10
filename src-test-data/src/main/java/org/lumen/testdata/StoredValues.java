// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import org.lumen.viewer.dicom.PixelEncoding;

/** Turns modality values (HU for CT) into the stored samples of a pixel encoding: the inverse of its rescale. */
final class StoredValues {

    private StoredValues() { }

    /** Converts {@code values[from, to)} in place. */
    static void fromModality(short[] values, int from, int to, PixelEncoding encoding) {
        double intercept = encoding.rescaleIntercept();
        double slope = encoding.rescaleSlope();
        for (int n = from; n < to; n++) {
            values[n] = (short) Math.round((values[n] - intercept) / slope);
        }
    }
}
