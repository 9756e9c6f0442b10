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
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The images a derived object (a parametric map) names as its sources: the series of its Referenced
 * Series Sequence (Common Instance Reference module) and the instances of every Source Image Sequence,
 * at the top level or in a frame's Derivation Image Sequence. Read from the header only (the reading
 * stops at group 7FE0, before Float Pixel Data).
 */
public record DerivationReferences(Set<String> seriesUids, Set<String> instanceUids) {

    public DerivationReferences {
        seriesUids = Set.copyOf(seriesUids);
        instanceUids = Set.copyOf(instanceUids);
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
        return new DerivationReferences(series, instances);
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
                if (a.getTag().equals(SOURCE_IMAGES)) {
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
