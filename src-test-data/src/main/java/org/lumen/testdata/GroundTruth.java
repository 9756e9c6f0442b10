// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a generated phantom truly contains, as written to {@code ground-truth.json} (camelCase keys).
 * Coordinates are DICOM patient coordinates (LPS, mm). Arrays follow the grid's axis order
 * [column i, row j, slice k]: {@code spacingMm} is [column spacing, row spacing, slice spacing].
 *
 * @param phantom          "chest-ct", "chest-ct-multiframe" or "head-mr"
 * @param orientation      ImageOrientationPatient: row direction then column direction
 * @param originMm         ImagePositionPatient of the first slice
 * @param rescaleIntercept stored sample × rescaleSlope + rescaleIntercept = modality value (HU for CT)
 * @param noiseSigma       standard deviation of the added noise in modality units; 0 means every voxel
 *                         has exactly its label's value
 * @param files            DICOM files relative to the folder, in slice order (one for a multi-frame image)
 * @param labelVolume      the label volume (NIfTI-1, uint8, same grid), relative to the folder
 * @param labels           name of each label value
 * @param labelValues      modality value of each label value before noise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroundTruth(String phantom, String modality, long seed, int[] size, double[] spacingMm,
                          double sliceThicknessMm, double[] orientation, double[] originMm, String studyInstanceUid,
                          String seriesInstanceUid, String frameOfReferenceUid, double rescaleIntercept,
                          double rescaleSlope, double noiseSigma, List<String> files, List<NoduleTruth> nodules,
                          String labelVolume, Map<String, String> labels, Map<String, Integer> labelValues) {

    /**
     * One nodule.
     *
     * @param labelValue  its value in the label volume
     * @param centerMm    centre in patient coordinates (LPS, mm)
     * @param centerVoxel centre as fractional voxel index [i, j, k]
     * @param type        solid, part-solid, ground-glass, juxtapleural or juxtavascular; absent unless the phantom draws
     *                    nodule types (a part-solid nodule's {@code hu} is its ground glass; its core is 40 HU)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoduleTruth(int id, int labelValue, double[] centerMm, double[] centerVoxel, double diameterMm,
                              int hu, String type) {

        public NoduleTruth(int id, int labelValue, double[] centerMm, double[] centerVoxel, double diameterMm, int hu) {
            this(id, labelValue, centerMm, centerVoxel, diameterMm, hu, null);
        }
    }
}
