// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.exchange.AlgorithmType;
import org.lumen.annotation.exchange.CieLab;
import org.lumen.annotation.exchange.SegmentDefinition;
import org.lumen.annotation.exchange.SourceImage;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.dicom.DicomUids;
import org.lumen.viewer.dicom.Part10Files;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Writes a label mask as a DICOM Segmentation (BINARY, one segment per label class), the way the
 * reference writers (highdicom, dcmqi) do: the source's Frame of Reference, patient and study; a
 * Segment Sequence with SNOMED CT category and type and the algorithm; shared Pixel Measures and
 * Plane Orientation; per frame the Plane Position, the segment and Derivation/Source Image references
 * to the instance it lies on; the Referenced Series Sequence; a two-dimension index (segment,
 * position); frames packed one bit per pixel, only frames with at least one voxel of their segment.
 */
public final class SegmentationExport {

    static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    private static final Code SEGMENTATION_DERIVATION = new Code("DCM", "113076", "Segmentation");
    private static final Code SOURCE_FOR_PROCESSING = new Code("DCM", "121322", "Source image for image processing operation");

    private SegmentationExport() { }

    /** What the SEG says about itself: series, content identification and the writing software. */
    public record Description(String seriesDescription, int seriesNumber, String contentLabel, String contentDescription,
                              String creatorName, String softwareVersion) {

        public Description {
            Objects.requireNonNull(contentLabel, "contentLabel");
            if (!contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
                throw new IllegalArgumentException("a content label is 1-16 upper-case letters, digits, spaces or underscores (a DICOM CS), not "
                        + contentLabel);
            }
        }
    }

    /** The file written, its new UIDs, and how many frames and segments it holds. */
    public record Written(Path file, String seriesInstanceUid, String sopInstanceUid, int frames, int segments) { }

    /**
     * Writes {@code mask} (on {@code source}'s grid, slice k on {@code source.slices().get(k)}) as a SEG at {@code target}.
     *
     * @throws IllegalArgumentException when the mask does not fit the series or no segment has a voxel
     * @throws IOException naming the target when it cannot be written
     */
    public static Written write(SourceSeries source, LabelMask mask, List<SegmentDefinition> segments, Description description,
                                Path target) throws IOException {
        if (mask.columns() != source.columns() || mask.rows() != source.rows() || mask.slices() != source.slices().size()) {
            throw new IllegalArgumentException("the mask is " + mask.columns() + "x" + mask.rows() + "x" + mask.slices() + " but series "
                    + source.seriesInstanceUid() + " is " + source.columns() + "x" + source.rows() + "x" + source.slices().size());
        }
        List<Frame> frames = frames(mask, segments);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("nothing to write to " + target + ": no voxel of the mask carries any of the "
                    + segments.size() + " segments' values");
        }
        AttributeList sourceHeader = DataSets.readHeader(source.headerFile());
        String series = DicomUids.random();
        String instance = DicomUids.random();
        try {
            AttributeList list = new AttributeList();
            LocalDateTime now = LocalDateTime.now();
            header(list, sourceHeader, source, description, series, instance, now);
            segmentSequence(list, segments);
            functionalGroups(list, source, frames);
            dimensions(list);
            list.put(pixels(mask, frames));
            Part10Files.write(list, Part10Files.EXPLICIT_VR_LITTLE_ENDIAN, target);
        } catch (DicomException e) {
            throw new IOException("cannot write the segmentation " + target + ": " + e.getMessage(), e);
        }
        return new Written(target, series, instance, frames.size(), segments.size());
    }

    /**
     * Writes a catalog mask as a SEG, after checking that its grid is the series' own: the same size and
     * every slice at its source image's position (within 0.01 mm).
     *
     * @throws IllegalArgumentException when the mask lies on another grid, or no segment has a voxel
     */
    public static Written write(SourceSeries source, MaskPayload payload, List<SegmentDefinition> segments, Description description,
                                Path target) throws IOException {
        VolumeGeometry g = payload.geometry();
        for (int k = 0; k < Math.min(g.slices(), source.slices().size()); k++) {
            double off = g.slicePosition(k).distance(source.slices().get(k).position());
            if (off > 0.01) {
                throw new IllegalArgumentException("the mask's slice " + k + " lies " + String.format(java.util.Locale.ROOT, "%.3f", off)
                        + " mm from image " + source.slices().get(k).sopInstanceUid() + " of series " + source.seriesInstanceUid()
                        + ": it was drawn on another grid");
            }
        }
        return write(source, payload.mask(), segments, description, target);
    }

    /** One frame: segment {@code segment} (1-based) on slice {@code slice}. */
    private record Frame(int segment, int maskValue, int slice) { }

    private static List<Frame> frames(LabelMask mask, List<SegmentDefinition> segments) {
        List<Frame> frames = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            int value = segments.get(s).maskValue();
            for (int k = 0; k < mask.slices(); k++) {
                byte[] plane = mask.sliceOrNull(k);
                if (plane != null && holds(plane, value)) {
                    frames.add(new Frame(s + 1, value, k));
                }
            }
        }
        return frames;
    }

    private static boolean holds(byte[] plane, int value) {
        for (byte b : plane) {
            if ((b & 0xFF) == value) {
                return true;
            }
        }
        return false;
    }

    private static void header(AttributeList list, AttributeList from, SourceSeries source, Description d, String series,
                               String instance, LocalDateTime now) throws DicomException {
        Elements.derivedInstance(list, from, SEGMENTATION_STORAGE, instance, now, TagFromName.PositionReferenceIndicator);
        Elements.put(list, TagFromName.FrameOfReferenceUID, source.frameOfReferenceUid());
        Elements.put(list, TagFromName.Modality, "SEG");
        Elements.put(list, TagFromName.SeriesInstanceUID, series);
        Elements.putInts(list, TagFromName.SeriesNumber, d.seriesNumber());
        Elements.put(list, TagFromName.SeriesDescription, d.seriesDescription());
        Elements.putInts(list, TagFromName.InstanceNumber, 1);
        Elements.put(list, TagFromName.ContentDate, Elements.date(now));
        Elements.put(list, TagFromName.ContentTime, Elements.time(now));
        // General and Enhanced General Equipment: all four are type 1 in a SEG.
        Elements.put(list, TagFromName.Manufacturer, "Lumen");
        Elements.put(list, TagFromName.ManufacturerModelName, "Lumen");
        Elements.put(list, TagFromName.DeviceSerialNumber, "1");
        Elements.put(list, TagFromName.SoftwareVersions, d.softwareVersion());
        // Segmentation Image module
        Elements.put(list, TagFromName.ImageType, "DERIVED", "PRIMARY");
        Elements.put(list, TagFromName.ContentLabel, d.contentLabel());
        Elements.put(list, TagFromName.ContentDescription, d.contentDescription());
        Elements.put(list, TagFromName.ContentCreatorName, d.creatorName());
        Elements.putInts(list, TagFromName.SamplesPerPixel, 1);
        Elements.put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        Elements.putInts(list, TagFromName.Rows, source.rows());
        Elements.putInts(list, TagFromName.Columns, source.columns());
        Elements.putInts(list, TagFromName.BitsAllocated, 1);
        Elements.putInts(list, TagFromName.BitsStored, 1);
        Elements.putInts(list, TagFromName.HighBit, 0);
        Elements.putInts(list, TagFromName.PixelRepresentation, 0);
        Elements.put(list, TagFromName.LossyImageCompression, "00");
        Elements.put(list, SegTags.SEGMENTATION_TYPE, "BINARY");
        // One label per voxel in a Lumen mask: segments never overlap, which spares readers the check (as highdicom says it).
        Elements.put(list, SegTags.SEGMENTS_OVERLAP, "NO");
        referencedSeries(list, source);
    }

    /** Common Instance Reference: every source instance of the series, once. */
    private static void referencedSeries(AttributeList list, SourceSeries source) throws DicomException {
        AttributeList seriesItem = new AttributeList();
        SequenceAttribute instances = Elements.sequence(seriesItem, TagFromName.ReferencedInstanceSequence);
        Set<String> seen = new LinkedHashSet<>();
        for (SourceImage image : source.slices()) {
            if (seen.add(image.sopInstanceUid())) {
                AttributeList item = new AttributeList();
                Elements.put(item, TagFromName.ReferencedSOPClassUID, image.sopClassUid());
                Elements.put(item, TagFromName.ReferencedSOPInstanceUID, image.sopInstanceUid());
                instances.addItem(item);
            }
        }
        Elements.put(seriesItem, TagFromName.SeriesInstanceUID, source.seriesInstanceUid());
        Elements.sequence(list, TagFromName.ReferencedSeriesSequence, seriesItem);
    }

    private static void segmentSequence(AttributeList list, List<SegmentDefinition> segments) throws DicomException {
        SequenceAttribute sequence = Elements.sequence(list, SegTags.SEGMENT_SEQUENCE);
        for (int s = 0; s < segments.size(); s++) {
            SegmentDefinition segment = segments.get(s);
            AttributeList item = new AttributeList();
            Elements.putInts(item, SegTags.SEGMENT_NUMBER, s + 1);
            Elements.put(item, SegTags.SEGMENT_LABEL, segment.label());
            Elements.sequence(item, SegTags.CATEGORY_CODES, Elements.code(segment.category()));
            Elements.sequence(item, SegTags.TYPE_CODES, Elements.code(segment.type()));
            Elements.put(item, SegTags.SEGMENT_ALGORITHM_TYPE, segment.algorithmType().name());
            if (segment.algorithmType() != AlgorithmType.MANUAL) {
                Elements.put(item, SegTags.SEGMENT_ALGORITHM_NAME, segment.algorithmName());
            }
            if (segment.colour() != null) {
                Elements.putInts(item, SegTags.RECOMMENDED_CIELAB, CieLab.fromRgb(segment.colour()));
            }
            sequence.addItem(item);
        }
    }

    private static void functionalGroups(AttributeList list, SourceSeries source, List<Frame> frames) throws DicomException {
        Elements.putInts(list, TagFromName.NumberOfFrames, frames.size());
        AttributeList shared = new AttributeList();
        AttributeList measures = new AttributeList();
        Elements.putNumbers(measures, TagFromName.PixelSpacing, source.rowSpacing(), source.columnSpacing());
        Elements.putNumbers(measures, TagFromName.SliceThickness,
                source.sliceThickness() == null ? source.sliceSpacing() : source.sliceThickness());
        Elements.putNumbers(measures, TagFromName.SpacingBetweenSlices, source.sliceSpacing());
        Elements.sequence(shared, TagFromName.PixelMeasuresSequence, measures);
        AttributeList orientation = new AttributeList();
        Vec3 r = source.rowDirection();
        Vec3 c = source.columnDirection();
        Elements.putNumbers(orientation, TagFromName.ImageOrientationPatient, r.x(), r.y(), r.z(), c.x(), c.y(), c.z());
        Elements.sequence(shared, TagFromName.PlaneOrientationSequence, orientation);
        Elements.sequence(list, TagFromName.SharedFunctionalGroupsSequence, shared);

        SequenceAttribute perFrame = Elements.sequence(list, TagFromName.PerFrameFunctionalGroupsSequence);
        for (Frame frame : frames) {
            SourceImage image = source.slices().get(frame.slice());
            AttributeList item = new AttributeList();
            AttributeList sourceImage = new AttributeList();
            Elements.put(sourceImage, TagFromName.ReferencedSOPClassUID, image.sopClassUid());
            Elements.put(sourceImage, TagFromName.ReferencedSOPInstanceUID, image.sopInstanceUid());
            if (image.frameNumber() > 0) {
                Elements.putInts(sourceImage, TagFromName.ReferencedFrameNumber, image.frameNumber());
            }
            Elements.sequence(sourceImage, TagFromName.PurposeOfReferenceCodeSequence, Elements.code(SOURCE_FOR_PROCESSING));
            AttributeList derivation = new AttributeList();
            Elements.sequence(derivation, TagFromName.DerivationCodeSequence, Elements.code(SEGMENTATION_DERIVATION));
            Elements.sequence(derivation, TagFromName.SourceImageSequence, sourceImage);
            Elements.sequence(item, TagFromName.DerivationImageSequence, derivation);
            AttributeList content = new AttributeList();
            Elements.putInts(content, TagFromName.DimensionIndexValues, frame.segment(), frame.slice() + 1);
            Elements.sequence(item, TagFromName.FrameContentSequence, content);
            AttributeList position = new AttributeList();
            Vec3 p = image.position();
            Elements.putNumbers(position, TagFromName.ImagePositionPatient, p.x(), p.y(), p.z());
            Elements.sequence(item, SegTags.PLANE_POSITION, position);
            AttributeList segment = new AttributeList();
            Elements.putInts(segment, SegTags.REFERENCED_SEGMENT_NUMBER, frame.segment());
            Elements.sequence(item, SegTags.SEGMENT_IDENTIFICATION, segment);
            perFrame.addItem(item);
        }
    }

    /** Two dimensions, as highdicom and dcmqi index them: the segment, then the plane position. */
    private static void dimensions(AttributeList list) throws DicomException {
        String organization = DicomUids.random();
        AttributeList org = new AttributeList();
        Elements.put(org, TagFromName.DimensionOrganizationUID, organization);
        Elements.sequence(list, TagFromName.DimensionOrganizationSequence, org);
        Elements.put(list, TagFromName.DimensionOrganizationType, "3D");
        AttributeList bySegment = new AttributeList();
        Elements.put(bySegment, TagFromName.DimensionOrganizationUID, organization);
        Elements.putTags(bySegment, TagFromName.DimensionIndexPointer, SegTags.REFERENCED_SEGMENT_NUMBER);
        Elements.putTags(bySegment, TagFromName.FunctionalGroupPointer, SegTags.SEGMENT_IDENTIFICATION);
        Elements.put(bySegment, TagFromName.DimensionDescriptionLabel, "Segment Number");
        AttributeList byPosition = new AttributeList();
        Elements.put(byPosition, TagFromName.DimensionOrganizationUID, organization);
        Elements.putTags(byPosition, TagFromName.DimensionIndexPointer, TagFromName.ImagePositionPatient);
        Elements.putTags(byPosition, TagFromName.FunctionalGroupPointer, SegTags.PLANE_POSITION);
        Elements.put(byPosition, TagFromName.DimensionDescriptionLabel, "Image Position Patient");
        Elements.sequence(list, TagFromName.DimensionIndexSequence, bySegment, byPosition);
    }

    /** Frames one after the other, one bit per pixel, first pixel in the lowest bit (PS3.5 8.1.1), padded to an even length. */
    private static OtherByteAttribute pixels(LabelMask mask, List<Frame> frames) throws DicomException {
        int perFrame = mask.columns() * mask.rows();
        long bits = (long) perFrame * frames.size();
        long bytes = (bits + 7) / 8;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DicomException("the segmentation would hold " + bytes + " bytes of pixel data, more than one file can");
        }
        byte[] packed = new byte[(int) (bytes + (bytes & 1))];
        long bit = 0;
        for (Frame frame : frames) {
            byte[] plane = mask.sliceOrNull(frame.slice());
            for (int v = 0; v < perFrame; v++, bit++) {
                if ((plane[v] & 0xFF) == frame.maskValue()) {
                    packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
        }
        OtherByteAttribute pixelData = new OtherByteAttribute(TagFromName.PixelData);
        pixelData.setValues(packed);
        return pixelData;
    }
}
