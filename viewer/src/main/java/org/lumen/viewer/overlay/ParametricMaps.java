// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.List;
import org.lumen.viewer.dicom.DerivationReferences;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;

/**
 * Which series of a study are parametric maps over an image series: a map (Parametric Map Storage, or
 * any image whose values are Float or Double Float Pixel Data, as AI tools write probability maps) is
 * offered over every other image series in its frame of reference, as SEG objects are, and over a series
 * its header names as a source (Referenced Series Sequence, or a Source Image Sequence naming one of the
 * series' instances) whatever its frame of reference. The references are read from the map's file: call
 * off the FX thread.
 */
public final class ParametricMaps {

    /** Parametric Map Storage. */
    public static final String SOP_CLASS = RealWorldValues.PARAMETRIC_MAP_SOP_CLASS;

    /** {@link #how}'s answer for a map in the series' frame of reference. */
    public static final String SAME_FRAME = "same frame of reference";

    private ParametricMaps() { }

    /** True for a series whose images hold real values: a Parametric Map, or Float / Double Float Pixel Data. */
    public static boolean isMap(Series series) {
        return series.hasImages() && series.instances().stream().anyMatch(ParametricMaps::isMap);
    }

    static boolean isMap(InstanceHeader h) {
        return RealWorldValues.holdsRealValues(h);
    }

    /** The maps of {@code index} that lie over {@code target} (never the target itself, nor over another map). */
    public static List<Series> over(DicomIndex index, Series target) {
        if (isMap(target)) {
            return List.of();
        }
        return index.allSeries().stream()
                .filter(s -> !s.uid().equals(target.uid()) && isMap(s) && lies(s, target))
                .toList();
    }

    /** How a map was matched to a series, for {@code lumen info}: "same frame of reference" or "referenced". */
    public static String how(Series map, Series target) {
        String frame = target.info().frameOfReferenceUid();
        return frame != null && !frame.isEmpty() && frame.equals(map.info().frameOfReferenceUid()) ? SAME_FRAME
                : "referenced by the map";
    }

    /** Same frame of reference, or the map's header names the series or one of its instances. */
    static boolean lies(Series map, Series target) {
        String frame = target.info().frameOfReferenceUid();
        if (frame != null && !frame.isEmpty() && frame.equals(map.info().frameOfReferenceUid())) {
            return true;
        }
        for (InstanceHeader h : map.instances()) {
            DerivationReferences references;
            try {
                references = DerivationReferences.read(h.file());
            } catch (UnusableFileException e) {
                continue; // a map whose header cannot be read again names nothing
            }
            if (references.seriesUids().contains(target.uid())
                    || target.instances().stream().anyMatch(t -> references.instanceUids().contains(t.sopInstanceUid()))) {
                return true;
            }
        }
        return false;
    }

    /** The image series of {@code index} a map lies over (not maps themselves). */
    public static List<Series> under(DicomIndex index, Series map) {
        return index.allSeries().stream()
                .filter(s -> !s.uid().equals(map.uid()) && s.hasImages() && !isMap(s) && lies(map, s))
                .toList();
    }
}
