// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Problem;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.index.Study;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/** What {@code lumen info} reports: studies, series with their stacking, and problems (JSON keys in camelCase). */
public record InfoReport(String source, List<StudyReport> studies, List<Problem> problems) {

    public record StudyReport(String studyInstanceUid, String patientName, String patientId, String studyDate,
                              String studyDescription, String accessionNumber, List<SeriesReport> series) {
    }

    /**
     * @param index       position in the order info lists series (what --series INDEX counts)
     * @param sliceCount  frames in the sorted stack (0 for non-image series)
     * @param pixelSpacing [row spacing, column spacing] in mm, or null
     * @param isVolume    the frames form a volume (evenly spaced or not); see isRegular
     * @param sliceSpacing the slice spacing of a regular volume, else null
     * @param gantryTiltDegrees the tilt measured from the slice positions (the shear of the stack), or null
     * @param isRegular   the volume's slices are evenly spaced along a straight line
     * @param sliceGapsMm [smallest, largest] distance between adjacent slices along the normal, for volumes; else null
     * @param spacingSource where the millimetres come from (patient, detector, ultrasound regions) or NONE
     *                      (pixels); null for series without images
     * @param contents    for a SEG, SR or RT structure set series, what each instance holds (segments, measurement groups, ROIs);
     *                    for a parametric map, the series it lies over; else empty
     */
    public record SeriesReport(int index, String seriesInstanceUid, Integer seriesNumber, String description,
                               String modality, String kind, int instances, int frames, Integer rows, Integer columns,
                               int sliceCount, boolean isVolume, Double sliceSpacing, double[] pixelSpacing,
                               Double gantryTiltDegrees, List<String> transferSyntaxes, List<String> notes,
                               boolean isRegular, double[] sliceGapsMm, SpacingSource spacingSource, List<String> contents) {

        /** ", pixel spacing 0.16 x 0.16 mm (detector)", or what the series measures in when it has none. */
        public String spacingText() {
            if (pixelSpacing != null) {
                return String.format(Locale.ROOT, ", pixel spacing %.4g x %.4g mm%s", pixelSpacing[0], pixelSpacing[1],
                        spacingSource == null ? "" : spacingSource.qualifier());
            }
            return spacingSource == SpacingSource.ULTRASOUND_REGION ? ", no pixel spacing (mm inside ultrasound regions)"
                    : spacingSource == null ? "" : ", no pixel spacing (measured in pixels)";
        }
    }

    public static InfoReport of(String source, DicomIndex index) {
        StackPlanner planner = new StackPlanner();
        List<StudyReport> studies = new ArrayList<>();
        int seriesIndex = 0;
        for (Study study : index.studies()) {
            List<SeriesReport> series = new ArrayList<>();
            for (Series s : study.series()) {
                series.add(seriesReport(seriesIndex++, s, planner.plan(s), index));
            }
            studies.add(new StudyReport(study.uid(), study.patient().name(), study.patient().id(), study.info().date(),
                    study.info().description(), study.info().accessionNumber(), series));
        }
        return new InfoReport(source, studies, index.problems());
    }

    private static SeriesReport seriesReport(int index, Series s, StackPlan plan, DicomIndex dicomIndex) {
        InstanceHeader image = plan.frames().isEmpty() ? null : plan.frames().getFirst().instance();
        double[] pixelSpacing = null;
        Double tilt = null;
        if (image != null && plan.frames().getFirst().plane() != null && plan.frames().getFirst().plane().rowSpacing() != null) {
            var plane = plan.frames().getFirst().plane();
            pixelSpacing = new double[] {plane.rowSpacing(), plane.columnSpacing()};
        }
        // From the positions, irregular stacks included (their mean step carries the shear).
        if (plan.isVolume() && plan.geometry().shearDegrees() > 0.01) {
            tilt = plan.geometry().shearDegrees();
        }
        return new SeriesReport(index, s.uid(), s.info().number(), s.info().description(), s.modality(),
                s.kind().description(), s.instances().size(), s.frameCount(),
                image == null ? null : image.pixels().rows(), image == null ? null : image.pixels().columns(),
                plan.sliceCount(), plan.isVolume(), plan.sliceSpacing(), pixelSpacing, tilt,
                List.copyOf(s.transferSyntaxes()), plan.notes(), plan.isRegular(),
                plan.isVolume() ? new double[] {plan.geometry().minSliceGap(), plan.geometry().maxSliceGap()} : null,
                image == null ? null : plan.calibration().source(), ObjectSummaries.of(s, dicomIndex));
    }
}
