// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.Map;
import org.lumen.viewer.codec.CharLs;
import org.lumen.viewer.codec.OpenJpeg;

/** Names of transfer syntaxes, and which of them the decoding stack can handle. */
public final class TransferSyntaxes {

    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(IMPLICIT_VR_LITTLE_ENDIAN, "Implicit VR Little Endian"),
            Map.entry(EXPLICIT_VR_LITTLE_ENDIAN, "Explicit VR Little Endian"),
            Map.entry(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "Deflated Explicit VR Little Endian"),
            Map.entry(EXPLICIT_VR_BIG_ENDIAN, "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)"),
            Map.entry("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Map.entry(JPEG_LOSSLESS_SV1, "JPEG Lossless, First-Order Prediction (Process 14 SV1)"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless (HTJ2K)"),
            Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Lossless (HTJ2K)"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 (HTJ2K)"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    /**
     * Retired JPEG syntaxes nothing in Lumen's stack decodes: arithmetic coding (processes 3, 5, 7, 9, 11, 13, 15)
     * and the hierarchical processes (16-29). Named so the refusal says which process a file uses.
     */
    private static final Map<String, String> RETIRED_UNDECODED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5), arithmetic coded"),
            Map.entry("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9), arithmetic coded"),
            Map.entry("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13), arithmetic coded"),
            Map.entry("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15), arithmetic coded"),
            Map.entry("1.2.840.10008.1.2.4.59", "JPEG Extended, Hierarchical (Process 16 & 18)"),
            Map.entry("1.2.840.10008.1.2.4.60", "JPEG Extended, Hierarchical (Process 17 & 19)"),
            Map.entry("1.2.840.10008.1.2.4.61", "JPEG Spectral Selection, Hierarchical (Process 20 & 22)"),
            Map.entry("1.2.840.10008.1.2.4.62", "JPEG Spectral Selection, Hierarchical (Process 21 & 23)"),
            Map.entry("1.2.840.10008.1.2.4.63", "JPEG Full Progression, Hierarchical (Process 24 & 26)"),
            Map.entry("1.2.840.10008.1.2.4.64", "JPEG Full Progression, Hierarchical (Process 25 & 27)"),
            Map.entry("1.2.840.10008.1.2.4.65", "JPEG Lossless, Hierarchical (Process 28)"),
            Map.entry("1.2.840.10008.1.2.4.66", "JPEG Lossless, Hierarchical (Process 29)"));

    /** DCT syntaxes whose 12-bit greyscale frames Lumen's own decoders take: extended, spectral selection, full progression. */
    private static final java.util.Set<String> TWELVE_BIT_DCT = java.util.Set.of("1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.53",
            "1.2.840.10008.1.2.4.55");

    private TransferSyntaxes() { }

    /**
     * Why these pixels in this syntax cannot be decoded, or null when they can: the syntax's own reason,
     * or one the image's samples add (colour JPEG-LS, 12-bit colour DCT JPEG, 32-bit colour).
     */
    public static String undecodableReason(String uid, org.lumen.viewer.image.PixelDescription p) {
        String reason = undecodableReason(uid);
        if (reason != null || p == null || uid == null) {
            return reason;
        }
        String syntax = name(uid) + " (" + uid + ")";
        boolean colour = p.samplesPerPixel() > 1;
        if (uid.startsWith("1.2.840.10008.1.2.4.8") && (colour || !p.photometric().isMonochrome())) {
            if (!JpegLsColourFrames.takes(p)) {
                return syntax + " cannot be decoded for " + p.photometric().dicomName() + ": Lumen's JPEG-LS decoders take "
                        + "greyscale, RGB and YBR_FULL only (DCMTK's dcmdjpls converts it)";
            }
            if (!CharLs.isAvailable()) {
                return syntax + " cannot be decoded here for colour (" + p.photometric().dicomName() + "): "
                        + CharLs.unavailableReason() + " (Lumen's own JPEG-LS decoder takes single-component greyscale only)";
            }
        }
        if (uid.equals("1.2.840.10008.1.2.4.53") && colour) {
            return syntax + " cannot be decoded for colour: Lumen decodes spectral-selection JPEG in greyscale only "
                    + "(DCMTK's dcmdjpeg converts it)";
        }
        if (TWELVE_BIT_DCT.contains(uid) && colour && p.bitsStored() > 8) {
            return syntax + " cannot be decoded for " + p.bitsStored() + "-bit colour: Lumen's 12-bit JPEG decoders take greyscale only "
                    + "(DCMTK's dcmdjpeg converts it)";
        }
        if (colour && p.bitsAllocated() > 16 && !uid.equals("1.2.840.10008.1.2.5")) {
            return syntax + " with " + p.bitsAllocated() + "-bit colour samples cannot be decoded: Lumen shows colour of up to 16 bits "
                    + "a sample uncompressed (RLE up to 32)";
        }
        return null;
    }

    public static String name(String uid) {
        String retired = RETIRED_UNDECODED.get(uid);
        return retired != null ? retired : NAMES.getOrDefault(uid, "unknown transfer syntax " + uid);
    }

    /**
     * Why pixels in this syntax cannot be decoded, or null when they can. The stack is PixelMed
     * plus Lumen's own JPEG lossless, 12-bit DCT (sequential and progressive) and JPEG-LS (greyscale) decoders plus OpenJPEG
     * (JPEG 2000 and HTJ2K, when libopenjp2 is installed; jai-imageio takes JPEG 2000 without it);
     * video has no decoder.
     */
    public static String undecodableReason(String uid) {
        if (uid == null) {
            return null;
        }
        if (OpenJpegFrames.isHtj2k(uid) && NAMES.containsKey(uid) && !OpenJpeg.isAvailable()) {
            return name(uid) + " (" + uid + ") cannot be decoded here: " + OpenJpeg.unavailableReason();
        }
        if (uid.startsWith("1.2.840.10008.1.2.4.10")) {
            return name(uid) + " (" + uid + ") is video, which Lumen does not decode";
        }
        if (RETIRED_UNDECODED.containsKey(uid)) {
            return name(uid) + " (" + uid + ") is a retired JPEG process that Lumen does not decode: it reads Huffman-coded, "
                    + "non-hierarchical JPEG only (processes 1, 2, 4, 6, 8, 10, 12 and 14)";
        }
        if (!NAMES.containsKey(uid)) {
            return "unsupported transfer syntax " + uid;
        }
        return null;
    }
}
