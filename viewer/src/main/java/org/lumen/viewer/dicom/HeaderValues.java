// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

/**
 * Read access to a parsed data set (or a sequence item), whoever parsed it: Lumen's fast header
 * parser or PixelMed. Missing or malformed values read as absent, never as an exception.
 */
interface HeaderValues {

    boolean has(int tag);

    /** The first value, stripped, or null when absent or empty. */
    String string(int tag);

    /** All values joined with backslashes, or null. */
    String strings(int tag);

    /** All numeric values (text or binary); empty when absent or not numbers. */
    double[] doubles(int tag);

    /** 16-bit words of an OW/US value (LUT data); null when absent. */
    short[] words(int tag);

    /** The {@code index}th item of a sequence, or null. */
    HeaderValues item(int sequenceTag, int index);

    int itemCount(int sequenceTag);

    default Integer integer(int tag) {
        double[] values = doubles(tag);
        return values.length == 0 ? null : (int) Math.round(values[0]);
    }

    default int intOr(int tag, int fallback) {
        Integer value = integer(tag);
        return value == null ? fallback : value;
    }

    default Double decimal(int tag) {
        double[] values = doubles(tag);
        return values.length == 0 ? null : values[0];
    }
}
