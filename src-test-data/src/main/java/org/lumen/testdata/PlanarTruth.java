// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a generated 2D phantom truly contains, as written to {@code ground-truth.json} (camelCase keys). Pixel
 * coordinates are [column, row] with (0, 0) the centre of the top-left pixel.
 *
 * @param phantom   "mammogram", "fundus" or "chest-xray"
 * @param images    every image written, in order
 * @param lesions   every planted lesion, each naming its image's file and SOP Instance UID
 * @param grade     the fundus study's grade (the worse eye's), null for the other kinds
 * @param gradeRule how the grade follows from the lesion counts, null when there is no grade
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanarTruth(String phantom, String modality, long seed, String studyInstanceUid, String seriesInstanceUid,
                          List<ImageTruth> images, List<LesionTruth> lesions, Integer grade, List<String> gradeNames,
                          String gradeRule) {

    /**
     * One image.
     *
     * @param view  CC or MLO for a mammogram, PA for a chest radiograph, null for a fundus photograph
     * @param grade this eye's grade (fundus only)
     * @param opticDiscPx the optic disc's centre [column, row] and radius (fundus only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageTruth(String file, String sopInstanceUid, String laterality, String view, int columns, int rows,
                             double pixelSpacingMm, Integer grade, double[] opticDiscPx) {
    }

    /**
     * One lesion: a disc of {@code radiusPx} round {@code centerPx}.
     *
     * @param members how many calcifications a cluster has (calcification clusters only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LesionTruth(int id, String kind, double[] centerPx, double radiusPx, int image, String file,
                              String sopInstanceUid, Integer members) {
    }
}
