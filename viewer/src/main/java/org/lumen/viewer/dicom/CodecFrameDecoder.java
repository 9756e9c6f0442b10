// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Decodes an instance's frames with PixelMed: compressed syntaxes (JPEG, JPEG lossless, JPEG 2000,
 * RLE), deflate, colour and 32-bit data. PixelMed decompresses the whole object while reading it.
 */
final class CodecFrameDecoder {

    List<DecodedFrame> decode(InstanceHeader header) throws UnusableFileException {
        if (OpenJpegFrames.isJpeg2000(header.transferSyntaxUid())) {
            refuseCutShortCodestreams(header);
        }
        DeclaredLengths.check(header.file());
        AttributeList list = new AttributeList();
        try {
            list.read(header.file().toFile());
        } catch (EOFException e) {
            throw new UnusableFileException("truncated: the file ends inside the pixel data", e);
        } catch (IOException | DicomException | RuntimeException | OutOfMemoryError e) {
            throw new UnusableFileException(reasonFor(header, e), e);
        } catch (LinkageError e) {
            throw e;
        } catch (Error e) {
            // jai-imageio's JPEG 2000 reader throws Errors on damaged codestreams ("IO Error when reading tile",
            // ThreadDeath): the file's fault, so the file's refusal, not a crash of the command or the window.
            throw new UnusableFileException(reasonFor(header, e), e);
        }
        Attribute pixelData = list.get(TagFromName.PixelData);
        if (pixelData == null) {
            throw new UnusableFileException("cannot decode pixel data (" + TransferSyntaxes.name(header.transferSyntaxUid())
                    + ", " + header.transferSyntaxUid() + "): the codec returned no pixels");
        }
        PixelDescription p = afterDecompression(header.pixels(), list, header.transferSyntaxUid());
        try {
            return split(p, pixelData, list, TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN.equals(header.transferSyntaxUid()));
        } catch (DicomException | RuntimeException e) {
            throw new UnusableFileException("cannot decode pixel data (" + TransferSyntaxes.name(header.transferSyntaxUid())
                    + "): " + DicomHeaderReader.describe(e), e);
        }
    }

    /**
     * jai-imageio decodes a JPEG 2000 codestream cut short into an image without a word (zeros where the bytes are
     * missing; found by fuzzing); OpenJPEG refuses it. A codestream must end with its end-of-codestream marker
     * (FFD9, before the fragment's even-length padding), as every sample in the corpus does.
     */
    private static void refuseCutShortCodestreams(InstanceHeader header) throws UnusableFileException {
        List<byte[]> codestreams = EncapsulatedFrames.readOrRefuse(header);
        if (codestreams == null) {
            return;
        }
        for (int frame = 0; frame < codestreams.size(); frame++) {
            byte[] c = codestreams.get(frame);
            int end = c.length;
            while (end > 0 && c[end - 1] == 0) {
                end--;
            }
            if (end < 2 || c[end - 2] != (byte) 0xFF || c[end - 1] != (byte) 0xD9) {
                throw new UnusableFileException("the " + TransferSyntaxes.name(header.transferSyntaxUid()) + " codestream of frame "
                        + (frame + 1) + " is cut short: it does not end with its end-of-codestream marker (" + c.length + " bytes)");
            }
        }
    }

    private static String reasonFor(InstanceHeader header, Throwable e) {
        String syntax = TransferSyntaxes.name(header.transferSyntaxUid()) + " (" + header.transferSyntaxUid() + ")";
        String message = DicomHeaderReader.describe(e);
        if (message.contains("does not support extended lossy JPEG") || message.contains("Unsupported JPEG process")) {
            return syntax + " with " + header.pixels().bitsStored() + "-bit samples cannot be decoded yet: Java's JPEG reader "
                    + "decodes 8-bit DCT JPEG only and the stack has no 12-bit JPEG codec";
        }
        return "cannot decode pixel data (" + syntax + "): " + message;
    }

    /** PixelMed rewrites photometric interpretation and planar configuration when it decompresses colour. */
    private static boolean convertsToRgb(String transferSyntax) {
        return transferSyntax != null && (transferSyntax.startsWith("1.2.840.10008.1.2.4.5")
                || transferSyntax.startsWith("1.2.840.10008.1.2.4.9"));
    }

    private static PixelDescription afterDecompression(PixelDescription p, AttributeList list, String transferSyntax) {
        Photometric photometric = Photometric.parse(Attributes.string(list, TagFromName.PhotometricInterpretation));
        int planar = Attributes.intOr(list, TagFromName.PlanarConfiguration, 0);
        if (convertsToRgb(transferSyntax) && photometric.name().startsWith("YBR")) {
            // The ImageIO JPEG and JPEG 2000 readers hand back RGB, though the header still says YBR.
            photometric = Photometric.RGB;
            planar = 0;
        }
        return new PixelDescription(p.rows(), p.columns(), p.frames(), p.samplesPerPixel(), p.bitsAllocated(),
                p.bitsStored(), p.highBit(), p.signed(), planar, photometric == Photometric.UNKNOWN ? p.photometric() : photometric);
    }

    private static List<DecodedFrame> split(PixelDescription p, Attribute pixelData, AttributeList list, boolean bigEndian)
            throws DicomException, UnusableFileException {
        int pixels = p.rows() * p.columns();
        List<DecodedFrame> frames = new ArrayList<>(p.frames());
        if (p.samplesPerPixel() == 1 && p.photometric().isMonochrome()) {
            if (p.bitsAllocated() == 32) {
                int[] all = Words.ints(pixelData, (long) pixels * p.frames(), bigEndian);
                for (int f = 0; f < p.frames(); f++) {
                    int[] frame = new int[pixels];
                    System.arraycopy(all, f * pixels, frame, 0, pixels);
                    frames.add(org.lumen.viewer.image.GrayFrame.of32(p.columns(), p.rows(), frame, !p.signed()));
                }
                return frames;
            }
            short[] all = p.bitsAllocated() == 8 ? Words.bytesAsShorts(pixelData, (long) pixels * p.frames())
                    : Words.shorts(pixelData, (long) pixels * p.frames());
            for (int f = 0; f < p.frames(); f++) {
                short[] frame = new short[pixels];
                System.arraycopy(all, f * pixels, frame, 0, pixels);
                frames.add(SampleBits.normalise(p, frame));
            }
            return frames;
        }
        boolean wideColour = p.bitsAllocated() == 16 && (p.photometric() == Photometric.RGB || p.photometric() == Photometric.YBR_FULL);
        if (p.bitsAllocated() != 8 && p.photometric() != Photometric.PALETTE_COLOR && !wideColour) {
            throw new UnusableFileException("unsupported colour image: " + p.bitsAllocated() + "-bit " + p.photometric().dicomName());
        }
        ColorConverter converter = ColorConverter.of(p, list);
        return converter.frames(pixelData);
    }
}
