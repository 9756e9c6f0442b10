// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/** ROI statistics against synthetic images with known values, on isotropic, anisotropic and reformatted planes. */
class RoiStatisticsTest {

    private static final String FOR = "1.2.3";
    private static final String SERIES = "1.2.3.4";

    /** 64×64 axial slices, 1 mm pixels, 2 mm apart: pixel (x, y) of slice n is at (x, y, 2n) mm. */
    private static final VolumeGeometry ISO = new VolumeGeometry(64, 64, 10, Vec3.ZERO,
            new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 2));

    private static VoxelSlice image(int width, int height, IntBinaryOperator value) {
        short[] data = new short[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                data[y * width + x] = (short) value.applyAsInt(x, y);
            }
        }
        return VoxelSlice.ofShorts(width, height, VoxelType.INT16, data);
    }

    private static EllipseRoi ellipse(ViewPlane plane, Vec3 center, double widthMm, double heightMm) {
        Vec3 half = plane.right().times(widthMm / 2).plus(plane.down().times(heightMm / 2));
        return EllipseRoi.of(FOR, SERIES, center.minus(half), center.plus(half), plane.right(), plane.down());
    }

    private static RectangleRoi rectangle(ViewPlane plane, Vec3 corner1, Vec3 corner2) {
        return RectangleRoi.of(FOR, SERIES, corner1, corner2, plane.right(), plane.down());
    }

    @Test
    void anEllipseInsideADiscOf100HasMean100AndNoSpread() {
        ViewPlane plane = ViewPlane.stored(ISO);
        VoxelSlice disc = image(64, 64, (x, y) -> (x - 32) * (x - 32) + (y - 32) * (y - 32) <= 15 * 15 ? 100 : 0);
        RoiStats stats = RoiStatistics.compute(ellipse(plane, new Vec3(32, 32, 6), 20, 20), plane, 3, disc);
        assertThat(stats.pixels()).as("lattice points within radius 10 (Gauss circle problem)").isEqualTo(317);
        assertThat(stats.mean()).isEqualTo(100);
        assertThat(stats.sd()).isEqualTo(0);
        assertThat(stats.min()).isEqualTo(100);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.areaMm2()).isCloseTo(100 * Math.PI, within(1e-9));
    }

    @Test
    void aRectangleStraddlingAStepEdgeAveragesBothSides() {
        ViewPlane plane = ViewPlane.stored(ISO);
        VoxelSlice step = image(64, 64, (x, y) -> x < 32 ? 0 : 50);
        // Corners on pixel centres: columns 28..35 and rows 10..13 are inside, outline included.
        RoiStats stats = RoiStatistics.compute(rectangle(plane, new Vec3(28, 10, 4), new Vec3(35, 13, 4)), plane, 2, step);
        assertThat(stats.pixels()).isEqualTo(8 * 4);
        assertThat(stats.mean()).isEqualTo(25);
        assertThat(stats.min()).isEqualTo(0);
        assertThat(stats.max()).isEqualTo(50);
        assertThat(stats.sd()).isCloseTo(25 * Math.sqrt(32.0 / 31), within(1e-12));
        assertThat(stats.areaMm2()).isEqualTo(7 * 3);
    }

    @Test
    void onlyPixelsOfTheImageCountWhenTheRoiHangsOverItsEdge() {
        ViewPlane plane = ViewPlane.stored(ISO);
        VoxelSlice ones = image(64, 64, (x, y) -> 1);
        RoiStats stats = RoiStatistics.compute(rectangle(plane, new Vec3(-10, -10, 0), new Vec3(1, 2, 0)), plane, 0, ones);
        assertThat(stats.pixels()).isEqualTo(2 * 3);
        assertThat(stats.areaMm2()).isEqualTo(11 * 12);
    }

    @Test
    void anRoiCoveringNoPixelCentreReportsNaNsAndItsArea() {
        ViewPlane plane = ViewPlane.stored(ISO);
        VoxelSlice ones = image(64, 64, (x, y) -> 1);
        RoiStats between = RoiStatistics.compute(rectangle(plane, new Vec3(3.2, 3.2, 0), new Vec3(3.7, 3.6, 0)), plane, 0, ones);
        RoiStats outside = RoiStatistics.compute(rectangle(plane, new Vec3(100, 100, 0), new Vec3(110, 110, 0)), plane, 0, ones);
        for (RoiStats stats : new RoiStats[] {between, outside}) {
            assertThat(stats.isEmpty()).isTrue();
            assertThat(stats.pixels()).isZero();
            assertThat(stats.mean()).isNaN();
            assertThat(stats.sd()).isNaN();
            assertThat(stats.min()).isNaN();
            assertThat(stats.max()).isNaN();
        }
        assertThat(between.areaMm2()).isCloseTo(0.5 * 0.4, within(1e-12));
    }

    @Test
    void aSinglePixelHasAValueButNoSampleDeviation() {
        ViewPlane plane = ViewPlane.stored(ISO);
        VoxelSlice ramp = image(64, 64, (x, y) -> x + 100 * y);
        RoiStats stats = RoiStatistics.compute(rectangle(plane, new Vec3(4.8, 6.8, 0), new Vec3(5.2, 7.2, 0)), plane, 0, ramp);
        assertThat(stats.pixels()).isEqualTo(1);
        assertThat(stats.mean()).isEqualTo(705);
        assertThat(stats.sd()).isNaN();
    }

    @Test
    void anisotropicStoredPixelsCountInProportionToPhysicalArea() {
        // 0.5 mm wide, 2 mm high pixels: 1 mm² each.
        VolumeGeometry g = new VolumeGeometry(200, 100, 5, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                0.5, 2, new Vec3(0, 0, 3));
        ViewPlane plane = ViewPlane.stored(g);
        assertThat(plane.pixelWidthMm()).isEqualTo(0.5);
        assertThat(plane.pixelHeightMm()).isEqualTo(2);
        assertPixelsMatchArea(plane, 2);
    }

    @Test
    void anisotropicReformatPixelsCountInProportionToPhysicalArea() {
        // An axial stack with 0.5 mm columns and 2 mm slices: its coronal reformat has 0.5 × 2 mm pixels.
        VolumeGeometry g = new VolumeGeometry(200, 30, 100, new Vec3(-50, -20, -100), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                0.5, 1.3, new Vec3(0, 0, 2));
        ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
        assertThat(coronal.pixelWidthMm()).isEqualTo(0.5);
        assertThat(coronal.pixelHeightMm()).isEqualTo(2);
        assertPixelsMatchArea(coronal, 12);
    }

    private static void assertPixelsMatchArea(ViewPlane plane, int n) {
        double pixelArea = plane.pixelWidthMm() * plane.pixelHeightMm();
        VoxelSlice sevens = image(plane.width(), plane.height(), (x, y) -> 7);
        Vec3 centre = plane.toPatient(100, 50, n);

        EllipseRoi circle = ellipse(plane, centre, 40, 40);
        RoiStats stats = RoiStatistics.compute(circle, plane, n, sevens);
        assertThat(circle.areaMm2()).isCloseTo(400 * Math.PI, within(1e-9));
        assertThat(stats.areaMm2()).isEqualTo(circle.areaMm2());
        assertThat(stats.pixels() * pixelArea).isCloseTo(circle.areaMm2(), within(circle.areaMm2() * 0.02));
        assertThat(stats.mean()).isEqualTo(7);

        // A 20 × 10 mm rectangle with its outline between pixel centres covers exactly 200 pixels of 1 mm².
        Vec3 from = plane.toPatient(20.5, 10.5, n);
        Vec3 to = from.plus(plane.right().times(20)).plus(plane.down().times(10));
        RoiStats rect = RoiStatistics.compute(rectangle(plane, from, to), plane, n, sevens);
        assertThat(rect.areaMm2()).isCloseTo(200, within(1e-9));
        assertThat(rect.pixels() * pixelArea).isEqualTo(200);

        // A wide, flat ellipse: 40 columns by 5 rows of pixels still measures its physical size.
        EllipseRoi flat = ellipse(plane, centre, 20, 10);
        RoiStats flatStats = RoiStatistics.compute(flat, plane, n, sevens);
        assertThat(flatStats.pixels() * pixelArea).isCloseTo(flat.areaMm2(), within(flat.areaMm2() * 0.1));
    }

    @Test
    void anRoiDrawnOnAReformatMeasuresTheReformattedImage() {
        VolumeGeometry axial = new VolumeGeometry(40, 40, 20, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                1, 1, new Vec3(0, 0, 2.5));
        ViewPlane coronal = ViewPlane.of(axial, PlaneAxis.ROWS);
        // The top half of the coronal image (the cranial slices) is 300, the rest -50.
        VoxelSlice image = image(coronal.width(), coronal.height(), (x, y) -> y < 10 ? 300 : -50);
        Vec3 topLeft = coronal.toPatient(5, 0, 17);
        Vec3 bottomRight = coronal.toPatient(14, 9, 17);
        RoiStats stats = RoiStatistics.compute(rectangle(coronal, topLeft, bottomRight), coronal, 17, image);
        assertThat(stats.pixels()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(300);
        assertThat(stats.areaMm2()).isCloseTo(9 * 9 * 2.5, within(1e-9));
    }

    @Test
    void theImageMustBeThePlanesImage() {
        ViewPlane plane = ViewPlane.stored(ISO);
        assertThatThrownBy(() -> RoiStatistics.compute(rectangle(plane, Vec3.ZERO, new Vec3(2, 2, 0)), plane, 0, image(10, 10, (x, y) -> 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10x10");
    }

    @Test
    void welfordKeepsTheVarianceUnderALargeOffset() {
        RunningStats stats = new RunningStats();
        for (double v : new double[] {4, 7, 13, 16}) {
            stats.add(1e9 + v);
        }
        assertThat(stats.mean()).isEqualTo(1e9 + 10);
        assertThat(stats.sampleSd()).isCloseTo(Math.sqrt(30), within(1e-9));
    }
}
