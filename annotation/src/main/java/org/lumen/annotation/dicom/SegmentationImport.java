// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.exchange.CieLab;
import org.lumen.annotation.exchange.ImportedSegment;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.SegmentFrame;
import org.lumen.viewer.geometry.Vec3;

/**
 * Reads a DICOM Segmentation (BINARY or FRACTIONAL, uncompressed or compressed as PixelMed decodes
 * it) into domain types: segments with their codes and colours, and every frame with its segment,
 * plane position and source reference. Per-frame values come from the per-frame functional groups,
 * or the shared ones where a SEG puts them there (a single-segment SEG may share its Segment Identification).
 */
public final class SegmentationImport {

    private static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    private SegmentationImport() { }

    /** @throws IOException naming the file and the reason when it is not a SEG Lumen can read */
    public static ImportedSegmentation read(Path file) throws IOException {
        AttributeList list = DataSets.read(file, false);
        if (!SegmentationExport.SEGMENTATION_STORAGE.equals(text(list, TagFromName.SOPClassUID))) {
            throw new IOException(file + " is not a DICOM Segmentation (its SOP class is " + text(list, TagFromName.SOPClassUID) + ")");
        }
        try {
            return read(file, list);
        } catch (DicomException | RuntimeException e) {
            throw new IOException(file + " is a Segmentation Lumen cannot read: " + e.getMessage(), e);
        }
    }

    private static ImportedSegmentation read(Path file, AttributeList list) throws DicomException, IOException {
        String type = text(list, SegTags.SEGMENTATION_TYPE);
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        int frameCount = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1);
        int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 1);
        int maxFractional = "FRACTIONAL".equals(type) ? Attribute.getSingleIntegerValueOrDefault(list, SegTags.MAX_FRACTIONAL_VALUE, 255) : 1;
        List<ImportedSegment> segments = new ArrayList<>();
        SequenceAttribute segmentSequence = (SequenceAttribute) list.get(SegTags.SEGMENT_SEQUENCE);
        for (int s = 0; segmentSequence != null && s < segmentSequence.getNumberOfItems(); s++) {
            AttributeList item = segmentSequence.getItem(s).getAttributeList();
            int[] lab = item.get(SegTags.RECOMMENDED_CIELAB) == null ? null : item.get(SegTags.RECOMMENDED_CIELAB).getIntegerValues();
            segments.add(new ImportedSegment(Attribute.getSingleIntegerValueOrDefault(item, SegTags.SEGMENT_NUMBER, s + 1),
                    text(item, SegTags.SEGMENT_LABEL), code(item, SegTags.CATEGORY_CODES), code(item, SegTags.TYPE_CODES), text(item, SegTags.SEGMENT_ALGORITHM_TYPE),
                    text(item, SegTags.SEGMENT_ALGORITHM_NAME), lab == null || lab.length != 3 ? null : CieLab.toRgb(lab)));
        }
        AttributeList shared = firstItem(list, TagFromName.SharedFunctionalGroupsSequence);
        double[] orientation = doubles(group(shared, null, TagFromName.PlaneOrientationSequence), TagFromName.ImageOrientationPatient);
        FrameSource pixelFrames = frameSource(list, file, rows * columns, bits);
        SequenceAttribute perFrame = (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
        List<SegmentFrame> frames = new ArrayList<>();
        int pixelsPerFrame = rows * columns;
        for (int f = 0; f < frameCount; f++) {
            AttributeList own = perFrame == null || f >= perFrame.getNumberOfItems() ? null : perFrame.getItem(f).getAttributeList();
            AttributeList segment = group(shared, own, SegTags.SEGMENT_IDENTIFICATION);
            int number = Attribute.getSingleIntegerValueOrDefault(segment, SegTags.REFERENCED_SEGMENT_NUMBER, 1);
            double[] position = doubles(group(shared, own, SegTags.PLANE_POSITION), TagFromName.ImagePositionPatient);
            AttributeList source = sourceImage(group(shared, own, TagFromName.DerivationImageSequence));
            frames.add(new SegmentFrame(number, position == null ? null : Vec3.of(position),
                    source == null ? null : text(source, TagFromName.ReferencedSOPInstanceUID),
                    source == null ? 0 : Attribute.getSingleIntegerValueOrDefault(source, TagFromName.ReferencedFrameNumber, 0),
                    pixelFrames.frame(f)));
        }
        AttributeList referencedSeries = firstItem(list, TagFromName.ReferencedSeriesSequence);
        return new ImportedSegmentation(text(list, TagFromName.SOPInstanceUID), text(list, TagFromName.SeriesInstanceUID),
                text(list, TagFromName.FrameOfReferenceUID), referencedSeries == null ? null : text(referencedSeries, TagFromName.SeriesInstanceUID),
                type, maxFractional, rows, columns,
                orientation == null ? null : new Vec3(orientation[0], orientation[1], orientation[2]),
                orientation == null ? null : new Vec3(orientation[3], orientation[4], orientation[5]), segments, frames);
    }

    /** Frame f's pixels, one byte each. */
    @FunctionalInterface
    private interface FrameSource {
        byte[] frame(int f) throws IOException, DicomException;
    }

    /**
     * Frames from native pixel data (bit-packed across frames for BINARY, a byte per pixel for FRACTIONAL),
     * from RLE one-bit frames (decoded here), or from any other compression PixelMed decodes.
     */
    private static FrameSource frameSource(AttributeList list, Path file, int pixelsPerFrame, int bits)
            throws DicomException, IOException {
        Attribute pixels = list.getPixelData();
        if (pixels == null) {
            throw new IOException(file + " is a Segmentation without pixel data");
        }
        if (pixels instanceof OtherByteAttributeMultipleCompressedFrames compressed) {
            if (RLE_LOSSLESS.equals(text(list, TagFromName.TransferSyntaxUID)) && bits == 1) {
                return f -> RleFrames.decodeOneBit(compressed.getByteValuesForSelectedFrame(f), pixelsPerFrame);
            }
            list = DataSets.read(file, true);
            pixels = list.getPixelData();
            if (pixels == null) {
                throw new IOException(file + ": PixelMed cannot decode its pixel data (" + text(list, TagFromName.TransferSyntaxUID) + ")");
            }
        }
        byte[] all = bytesOf(pixels, file);
        return f -> framePixels(all, f, pixelsPerFrame, bits);
    }

    private static byte[] bytesOf(Attribute pixels, Path file) throws DicomException, IOException {
        byte[] bytes = pixels.getByteValues();
        if (bytes == null || bytes.length == 0) {
            short[] words = pixels.getShortValues();
            if (words == null) {
                throw new IOException(file + ": its pixel data cannot be read");
            }
            bytes = new byte[words.length * 2];
            for (int i = 0; i < words.length; i++) {
                bytes[2 * i] = (byte) words[i];
                bytes[2 * i + 1] = (byte) (words[i] >> 8);
            }
        }
        return bytes;
    }

    /** Frame {@code f}'s pixels, one byte each: bits unpacked from a frame that may start mid-byte, or bytes as stored. */
    private static byte[] framePixels(byte[] all, int f, int pixelsPerFrame, int bitsAllocated) {
        byte[] out = new byte[pixelsPerFrame];
        if (bitsAllocated == 1) {
            long bit = (long) f * pixelsPerFrame;
            for (int v = 0; v < pixelsPerFrame; v++, bit++) {
                int index = (int) (bit >>> 3);
                out[v] = (byte) (index < all.length ? (all[index] >> (bit & 7)) & 1 : 0);
            }
        } else {
            int from = f * pixelsPerFrame;
            System.arraycopy(all, from, out, 0, Math.max(0, Math.min(pixelsPerFrame, all.length - from)));
        }
        return out;
    }

    private static AttributeList sourceImage(AttributeList derivation) {
        return firstItem(derivation, TagFromName.SourceImageSequence);
    }

    /** The first item of a functional group, from the frame's own groups or else the shared ones. */
    private static AttributeList group(AttributeList shared, AttributeList own, AttributeTag tag) {
        AttributeList item = own == null ? null : firstItem(own, tag);
        return item != null ? item : shared == null ? null : firstItem(shared, tag);
    }

    private static AttributeList firstItem(AttributeList list, AttributeTag tag) {
        if (list == null || !(list.get(tag) instanceof SequenceAttribute s) || s.getNumberOfItems() == 0) {
            return null;
        }
        return s.getItem(0).getAttributeList();
    }

    private static double[] doubles(AttributeList list, AttributeTag tag) throws DicomException {
        if (list == null || list.get(tag) == null) {
            return null;
        }
        double[] values = list.get(tag).getDoubleValues();
        return values == null || values.length == 0 ? null : values;
    }

    private static Code code(AttributeList item, AttributeTag tag) {
        CodedSequenceItem c = CodedSequenceItem.getSingleCodedSequenceItemOrNull(item, tag);
        if (c == null || c.getCodeValue() == null || c.getCodingSchemeDesignator() == null) {
            return null;
        }
        return new Code(c.getCodingSchemeDesignator(), c.getCodeValue(), c.getCodeMeaning());
    }

    private static String text(AttributeList list, AttributeTag tag) {
        return list == null ? null : Attribute.getSingleStringValueOrNull(list, tag);
    }
}
