// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.List;
import java.util.Objects;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;

/**
 * Which series of a study are parametric maps over an image series: a map (Parametric Map Storage, or
 * any image whose values are Float or Double Float Pixel Data, as AI tools write probability maps) is
 * offered over every other image series in its frame of reference, as SEG objects are.
 */
public final class ParametricMaps {

    /** Parametric Map Storage. */
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.30";

    private ParametricMaps() { }

    /** True for a series whose images hold real values: a Parametric Map, or Float / Double Float Pixel Data. */
    public static boolean isMap(Series series) {
        return series.hasImages() && series.instances().stream().anyMatch(ParametricMaps::isMap);
    }

    static boolean isMap(InstanceHeader h) {
        return SOP_CLASS.equals(h.sopClassUid()) || h.pixelData() != null && h.pixelData().isFloat();
    }

    /** The maps of {@code index} that lie in {@code target}'s frame of reference (never the target itself, nor another map). */
    public static List<Series> over(DicomIndex index, Series target) {
        String frame = target.info().frameOfReferenceUid();
        if (frame == null || frame.isEmpty() || isMap(target)) {
            return List.of();
        }
        return index.allSeries().stream()
                .filter(s -> !s.uid().equals(target.uid()) && isMap(s) && frame.equals(s.info().frameOfReferenceUid()))
                .toList();
    }

    /** The image series of {@code index} a map lies over (same frame of reference, not maps themselves). */
    public static List<Series> under(DicomIndex index, Series map) {
        String frame = map.info().frameOfReferenceUid();
        if (frame == null || frame.isEmpty()) {
            return List.of();
        }
        return index.allSeries().stream()
                .filter(s -> !s.uid().equals(map.uid()) && s.hasImages() && !isMap(s)
                        && Objects.equals(frame, s.info().frameOfReferenceUid()))
                .toList();
    }
}
