// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import org.lumen.viewer.image.PixelDescription;

/**
 * An image whose header reads but whose pixels no decoder in Lumen's stack takes (a retired JPEG
 * process, colour JPEG-LS, HTJ2K without OpenJPEG): refused when indexed, so {@code info} never lists
 * as usable what {@code render} would refuse.
 */
public final class UndecodablePixelsException extends UnusableFileException {

    private final transient String transferSyntaxUid;
    private final transient PixelDescription pixels;

    UndecodablePixelsException(String reason, String transferSyntaxUid, PixelDescription pixels) {
        super(reason);
        this.transferSyntaxUid = transferSyntaxUid;
        this.pixels = pixels;
    }

    public String transferSyntaxUid() { return transferSyntaxUid; }

    public PixelDescription pixels() { return pixels; }
}
