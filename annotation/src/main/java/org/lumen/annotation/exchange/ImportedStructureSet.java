// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.List;
import org.lumen.viewer.geometry.Vec3;

/** An RT Structure Set read from a file: its label and frame of reference, and each ROI's contours in patient mm. */
public record ImportedStructureSet(String sopInstanceUid, String label, String frameOfReferenceUid, List<Roi> rois) {

    public ImportedStructureSet {
        rois = List.copyOf(rois);
    }

    /**
     * One ROI: number, name, display colour ("#rrggbb", null when the file gives none), how it was made
     * (AUTOMATIC, SEMIAUTOMATIC, MANUAL) and its contours.
     */
    public record Roi(int number, String name, String colour, String generationAlgorithm, String frameOfReferenceUid,
                      List<Contour> contours) {

        public Roi {
            contours = List.copyOf(contours);
        }
    }

    /** A contour: POINT, OPEN_PLANAR, OPEN_NONPLANAR or CLOSED_PLANAR, its points in patient mm (LPS). */
    public record Contour(String geometricType, List<Vec3> points) {

        public Contour {
            points = List.copyOf(points);
        }
    }
}
