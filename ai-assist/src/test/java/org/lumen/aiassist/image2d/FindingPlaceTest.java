// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/**
 * Where the findings table says a 2D finding is, on real files of the sample corpus: the box's size in millimetres only where
 * the file gives a spacing (at the detector for a radiograph's Imager Pixel Spacing, in the region for ultrasound), in pixels
 * where it gives none; the centre as the pixel readout counts pixels; the image named as shortly as tells the images apart.
 */
class FindingPlaceTest {

    private static Pools pools;

    @BeforeAll
    static void startPools() {
        pools = new Pools(2);
    }

    @AfterAll
    static void stopPools() {
        pools.close();
    }

    @Test
    void aMammogramWithoutSpacingGivesItsBoxInPixels() throws Exception {
        StackPlan plan = plan("cr_dx_mg/MG1_JPLY.dcm");
        assertThat(plan.calibration().source()).isEqualTo(SpacingSource.NONE);
        FindingPlace p = place(plan, new double[] {99.5, 199.5, 843.5, 219.5});
        assertThat(p.sizeUnit()).isEqualTo("px");
        assertThat(p.sizeText()).isEqualTo("744 × 20");
        assertThat(p.centreText()).isEqualTo("[472, 210]"); // 471.5 and 209.5 round up, as the readout's pixel under them
    }

    @Test
    void aRadiographGivesItsBoxInMillimetresAtTheDetector() throws Exception {
        StackPlan plan = plan("cr_dx_mg/DX_canon_chest_966_fixed.dcm");
        assertThat(plan.calibration().source()).isEqualTo(SpacingSource.DETECTOR);
        FindingPlace p = place(plan, new double[] {999.5, 499.5, 1099.5, 549.5});
        assertThat(p.sizeUnit()).isEqualTo("mm (detector)");
        // 100 × 50 pixels at the file's Imager Pixel Spacing (0.16 mm: 1,000 pixels measure 160.0 mm (detector)).
        assertThat(p.sizeText()).isEqualTo(String.format(Locale.ROOT, "%.1f × %.1f", 100 * plan.calibration().columnSpacing(),
                50 * plan.calibration().rowSpacing()));
        assertThat(p.width().value()).isCloseTo(16.0, within(1e-6));
    }

    @Test
    void aComputedRadiographWithPixelSpacingGivesItsBoxInMillimetres() throws Exception {
        StackPlan plan = plan("cr_dx_mg/RG2_JPLL.dcm");
        assertThat(plan.calibration().source()).isEqualTo(SpacingSource.PATIENT);
        FindingPlace p = place(plan, new double[] {9.5, 9.5, 59.5, 109.5});
        assertThat(p.sizeUnit()).isEqualTo("mm");
        assertThat(p.height().value()).as("100 rows measure 20.0 mm").isCloseTo(20.0, within(1e-6));
        assertThat(p.width().value()).isCloseTo(50 * plan.calibration().columnSpacing(), within(1e-9));
        // A speck of 3 × 2 pixels (0.6 × 0.4 mm) keeps two decimals: it never reads 0.0 mm.
        FindingPlace speck = place(plan, new double[] {9.5, 9.5, 12.5, 11.5});
        assertThat(speck.sizeText()).isEqualTo(String.format(Locale.ROOT, "%.2f × 0.40", 3 * plan.calibration().columnSpacing()));
    }

    @Test
    void anUltrasoundBoxIsInMillimetresInsideItsRegionAndInPixelsWhereItLeavesIt() throws Exception {
        StackPlan plan = plan("us/no-pixel-spacing.dcm");
        assertThat(plan.calibration().source()).isEqualTo(SpacingSource.ULTRASOUND_REGION);
        double mmPerPixel = 0.33054208902600268;
        FindingPlace inside = place(plan, new double[] {209.5, 109.5, 309.5, 159.5});
        assertThat(inside.sizeUnit()).isEqualTo("mm");
        assertThat(inside.width().value()).isCloseTo(100 * mmPerPixel, within(1e-9));
        assertThat(inside.height().value()).isCloseTo(50 * mmPerPixel, within(1e-9));
        // Its height runs from the B-mode region into the Doppler strip: one unit for both, pixels.
        FindingPlace leaving = place(plan, new double[] {209.5, 109.5, 309.5, 559.5});
        assertThat(leaving.sizeUnit()).isEqualTo("px");
        assertThat(leaving.sizeText()).isEqualTo("100 × 450");
    }

    @Test
    void imagesAreNamedByLateralityAndViewWhenThatTellsThemApart() {
        List<FindingPlace> fourViews = List.of(at(1, "R", "CC"), at(2, "L", "CC"), at(2, "L", "CC"), at(4, "L", "MLO"));
        assertThat(FindingPlace.imageNames(fourViews)).isEqualTo(Map.of(1, "R CC", 2, "L CC", 4, "L MLO"));
        // Two images of one view (a repeat): their numbers tell them apart.
        assertThat(FindingPlace.imageNames(List.of(at(1, "R", "CC"), at(3, "R", "CC")))).isEqualTo(Map.of(1, "1 R CC", 3, "3 R CC"));
        // A chest radiograph series without laterality: numbers; one image alone: nothing to tell.
        assertThat(FindingPlace.imageNames(List.of(at(1, null, null), at(2, null, "PA")))).isEqualTo(Map.of(1, "1", 2, "2 PA"));
        assertThat(FindingPlace.imageNames(List.of(at(1, null, null), at(1, null, null)))).isEmpty();
        // One fundus photograph of the right eye: its side is worth saying.
        assertThat(FindingPlace.imageNames(List.of(at(1, "R", null)))).isEqualTo(Map.of(1, "R"));
    }

    private static FindingPlace at(int image, String laterality, String view) {
        var q = new MeasurementUnits.Quantity(1, "px");
        return new FindingPlace(1, image, laterality, view, new double[] {0, 0}, q, q);
    }

    /** A finding with this box on the file's image, placed through the file's own calibration and geometry. */
    private static FindingPlace place(StackPlan plan, double[] box) {
        double[] centre = {(box[0] + box[2]) / 2, (box[1] + box[3]) / 2};
        ImageFinding f = new ImageFinding(1, "lesion", 0, 0.9, centre, box, 10, "1.2.3", 0);
        ImageFacts facts = new ImageFacts("1.2.3", 0, "DX", null, "MONOCHROME2", 1, null, null, null, null, null, null,
                plan.geometry().columns(), plan.geometry().rows());
        return FindingPlace.of(1, f, facts, 0, plan.geometry(), MeasurementUnits.of(plan.calibration(), plan.geometry()));
    }

    private static StackPlan plan(String relative) throws Exception {
        DicomIndex index = new Indexer(pools.io(), 2).index(new FileSource(List.of(Samples.file(relative))), TaskContext.none());
        return new StackPlanner().plan(index.allSeries().getFirst());
    }
}
