// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The images a derived object (a parametric map) names as its sources: the series of its Referenced
 * Series Sequence (Common Instance Reference module) and the instances of every Source Image or
 * Referenced Image Sequence, at the top level or in a frame's functional groups, and which image each
 * frame came from (to place a map slice by slice on the series it was derived from). Read from the header only (the reading
 * stops at group 7FE0, before Float Pixel Data).
 */
public record DerivationReferences(Set<String> seriesUids, Set<String> instanceUids, List<String> frameSources) {

    /**
     * @param frameSources per frame (one entry for a single-frame object), the SOP Instance UID of the image it was
     *                     derived from or refers to (its Derivation Image's Source Image, else its Referenced Image);
     *                     empty strings where a frame names none
     */
    public DerivationReferences {
        seriesUids = Set.copyOf(seriesUids);
        instanceUids = Set.copyOf(instanceUids);
        frameSources = List.copyOf(frameSources);
    }

    /** The source instance of frame {@code frame} (0-based), or null when it names none. */
    public String sourceOf(int frame) {
        if (frame < 0 || frame >= frameSources.size()) {
            return null;
        }
        String uid = frameSources.get(frame);
        return uid.isEmpty() ? null : uid;
    }

    public static DerivationReferences read(Path file) throws UnusableFileException {
        AttributeList list = new AttributeList();
        try (InputStream in = Files.newInputStream(file);
             DicomInputStream dicom = new DicomInputStream(new BufferedInputStream(in, 16 * 1024))) {
            list.read(dicom, (l, tag, bytes) -> tag.getGroup() >= 0x7FE0);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException(file.getFileName() + " is not readable as DICOM: " + DicomHeaderReader.describe(e), e);
        }
        Set<String> series = new LinkedHashSet<>();
        Set<String> instances = new LinkedHashSet<>();
        collect(list, series, instances);
        List<String> frames = new ArrayList<>();
        if (list.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute perFrame) {
            for (int i = 0; i < perFrame.getNumberOfItems(); i++) {
                frames.add(source(perFrame.getItem(i).getAttributeList()));
            }
        }
        if (frames.isEmpty()) {
            frames.add(source(list));
        }
        return new DerivationReferences(series, instances, frames);
    }

    /** The first Source Image of the item's Derivation Image Sequence, else of its Source Image or Referenced Image Sequence. */
    private static String source(AttributeList item) {
        AttributeList derivation = firstItem(item, TagFromName.DerivationImageSequence);
        for (AttributeList where : derivation == null ? List.of(item) : List.of(derivation, item)) {
            for (AttributeTag tag : List.of(SOURCE_IMAGES, TagFromName.ReferencedImageSequence)) {
                AttributeList reference = firstItem(where, tag);
                String uid = reference == null ? null : Attributes.string(reference, TagFromName.ReferencedSOPInstanceUID);
                if (uid != null && !uid.isBlank()) {
                    return uid.strip();
                }
            }
        }
        return "";
    }

    private static AttributeList firstItem(AttributeList list, AttributeTag tag) {
        return list.get(tag) instanceof SequenceAttribute s && s.getNumberOfItems() > 0 ? s.getItem(0).getAttributeList() : null;
    }

    private static final AttributeTag SOURCE_IMAGES = TagFromName.SourceImageSequence;

    /** Walks every sequence: Referenced Series items give series, Source Image items give instances. */
    private static void collect(AttributeList list, Set<String> series, Set<String> instances) {
        for (Attribute a : list.values()) {
            if (!(a instanceof SequenceAttribute sequence)) {
                continue;
            }
            for (int i = 0; i < sequence.getNumberOfItems(); i++) {
                AttributeList item = sequence.getItem(i).getAttributeList();
                if (a.getTag().equals(TagFromName.ReferencedSeriesSequence)) {
                    String uid = Attributes.string(item, TagFromName.SeriesInstanceUID);
                    if (uid != null && !uid.isBlank()) {
                        series.add(uid.strip());
                    }
                }
                if (a.getTag().equals(SOURCE_IMAGES) || a.getTag().equals(TagFromName.ReferencedImageSequence)) {
                    String uid = Attributes.string(item, TagFromName.ReferencedSOPInstanceUID);
                    if (uid != null && !uid.isBlank()) {
                        instances.add(uid.strip());
                    }
                }
                collect(item, series, instances);
            }
        }
    }
}
