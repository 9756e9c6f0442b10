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
 * Referenced Image Sequence, at the top level or in a frame's functional groups, and which images (and frames of
 * multi-frame images, by Referenced Frame Number) each frame came from, to place a map slice by slice on the series it
 * was derived from. Read from the header only (the reading stops at group 7FE0, before Float Pixel Data).
 *
 * @param frameSources per frame (one entry for a single-frame object), the images it was derived from or refers to
 *                     (the items of its Derivation Image's Source Image Sequence, else of its Source Image, else
 *                     Referenced Image Sequence); an empty list where a frame names none
 */
public record DerivationReferences(Set<String> seriesUids, Set<String> instanceUids, List<List<Source>> frameSources) {

    private static final AttributeTag REFERENCED_FRAME_NUMBER = new AttributeTag(0x0008, 0x1160);

    /**
     * One image a frame names.
     *
     * @param instanceUid  its SOP Instance UID
     * @param frameNumbers its Referenced Frame Numbers (1-based, as written); empty when none are given, which for a
     *                     multi-frame image means all of its frames
     */
    public record Source(String instanceUid, List<Integer> frameNumbers) {
        public Source {
            frameNumbers = List.copyOf(frameNumbers);
        }
    }

    public DerivationReferences {
        seriesUids = Set.copyOf(seriesUids);
        instanceUids = Set.copyOf(instanceUids);
        frameSources = frameSources.stream().map(List::copyOf).toList();
    }

    /** The first source instance of frame {@code frame} (0-based), or null when it names none. */
    public String sourceOf(int frame) {
        List<Source> sources = sourcesOf(frame);
        return sources.isEmpty() ? null : sources.getFirst().instanceUid();
    }

    /** Every image frame {@code frame} (0-based) names, with their frame numbers; empty when it names none. */
    public List<Source> sourcesOf(int frame) {
        return frame < 0 || frame >= frameSources.size() ? List.of() : frameSources.get(frame);
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
        List<List<Source>> frames = new ArrayList<>();
        if (list.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute perFrame) {
            for (int i = 0; i < perFrame.getNumberOfItems(); i++) {
                frames.add(sources(perFrame.getItem(i).getAttributeList()));
            }
        }
        if (frames.isEmpty()) {
            frames.add(sources(list));
        }
        return new DerivationReferences(series, instances, frames);
    }

    /**
     * The items of the item's Derivation Image's Source Image Sequence, else of its own Source Image Sequence, else of
     * the Referenced Image Sequence (the derivation's, then its own): the first of these that names an instance.
     */
    private static List<Source> sources(AttributeList item) {
        AttributeList derivation = firstItem(item, TagFromName.DerivationImageSequence);
        for (AttributeList where : derivation == null ? List.of(item) : List.of(derivation, item)) {
            for (AttributeTag tag : List.of(SOURCE_IMAGES, TagFromName.ReferencedImageSequence)) {
                if (!(where.get(tag) instanceof SequenceAttribute sequence)) {
                    continue;
                }
                List<Source> found = new ArrayList<>();
                for (int i = 0; i < sequence.getNumberOfItems(); i++) {
                    AttributeList reference = sequence.getItem(i).getAttributeList();
                    String uid = Attributes.string(reference, TagFromName.ReferencedSOPInstanceUID);
                    if (uid != null && !uid.isBlank()) {
                        found.add(new Source(uid.strip(), frameNumbers(reference)));
                    }
                }
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    /** Referenced Frame Number (IS, any number of values); values that are not numbers are left out. */
    private static List<Integer> frameNumbers(AttributeList reference) {
        Attribute a = reference.get(REFERENCED_FRAME_NUMBER);
        if (a == null) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        try {
            for (String v : a.getStringValues()) {
                if (v != null && !v.isBlank()) {
                    try {
                        numbers.add(Integer.parseInt(v.strip()));
                    } catch (NumberFormatException e) {
                        // a damaged value names no frame
                    }
                }
            }
        } catch (DicomException e) {
            return List.of();
        }
        return numbers;
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
