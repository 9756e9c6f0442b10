// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** The pixels of one decoded frame, before the modality LUT. */
public sealed interface DecodedFrame permits GrayFrame, ColorFrame, FloatFrame {

    int columns();

    int rows();

    /** Bytes of pixel memory this frame holds. */
    long bytes();
}
