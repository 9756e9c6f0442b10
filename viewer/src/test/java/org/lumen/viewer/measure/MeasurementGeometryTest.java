// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

/** Lengths, angles and ROI shapes measure true patient millimetres and degrees, and edit by copy. */
class MeasurementGeometryTest {

    private static final String FOR = "1.2.3.4";
    private static final String SERIES = "1.2.3.4.5";
    private static final Vec3 RIGHT = new Vec3(1, 0, 0);
    private static final Vec3 DOWN = new Vec3(0, 1, 0);

    @Test
    void lengthOfAThreeFourFiveTriangleIsFive() {
        LengthMeasurement m = LengthMeasurement.of(FOR, SERIES, new Vec3(1, 2, 3), new Vec3(4, 6, 3));
        assertThat(m.lengthMm()).isEqualTo(5.0);
        // Out of plane too: the length is 3D.
        assertThat(LengthMeasurement.of(FOR, SERIES, new Vec3(0, 0, 0), new Vec3(0, 3, 4)).lengthMm()).isEqualTo(5.0);
        assertThat(m.points()).containsExactly(new Vec3(1, 2, 3), new Vec3(4, 6, 3));
    }

    @Test
    void anglesAreInDegreesFromZeroTo180() {
        Vec3 vertex = new Vec3(10, 10, 5);
        AngleMeasurement right = AngleMeasurement.of(FOR, SERIES, vertex.plus(new Vec3(3, 0, 0)), vertex, vertex.plus(new Vec3(0, 7, 0)));
        AngleMeasurement half = AngleMeasurement.of(FOR, SERIES, vertex.plus(new Vec3(2, 0, 0)), vertex, vertex.plus(new Vec3(5, 5, 0)));
        AngleMeasurement straight = AngleMeasurement.of(FOR, SERIES, vertex.plus(new Vec3(-1, 0, 0)), vertex, vertex.plus(new Vec3(4, 0, 0)));
        AngleMeasurement tiny = AngleMeasurement.of(FOR, SERIES, new Vec3(1, 0, 0), Vec3.ZERO, new Vec3(1, 1e-9, 0));
        assertThat(right.degrees()).isCloseTo(90, within(1e-12));
        assertThat(half.degrees()).isCloseTo(45, within(1e-12));
        assertThat(straight.degrees()).isCloseTo(180, within(1e-12));
        assertThat(tiny.degrees()).as("atan2 keeps small angles").isCloseTo(Math.toDegrees(1e-9), within(1e-20));
        assertThat(AngleMeasurement.of(FOR, SERIES, vertex, vertex, new Vec3(0, 0, 0)).degrees()).isNaN();
    }

    @Test
    void rectangleAndEllipseAreasAreGeometric() {
        RectangleRoi rect = RectangleRoi.of(FOR, SERIES, new Vec3(10, 20, 0), new Vec3(-10, 30, 0), RIGHT, DOWN);
        EllipseRoi ellipse = EllipseRoi.of(FOR, SERIES, new Vec3(10, 20, 0), new Vec3(-10, 30, 0), RIGHT, DOWN);
        assertThat(rect.widthMm()).isEqualTo(20);
        assertThat(rect.heightMm()).isEqualTo(10);
        assertThat(rect.center()).isEqualTo(new Vec3(0, 25, 0));
        assertThat(rect.areaMm2()).isEqualTo(200);
        assertThat(ellipse.areaMm2()).isCloseTo(Math.PI * 20 * 10 / 4, within(1e-9));
    }

    @Test
    void shapesOnAnObliquePlaneMeasureAlongTheirOwnAxes() {
        double s = Math.sqrt(0.5);
        Vec3 right = new Vec3(s, s, 0);
        Vec3 down = new Vec3(0, 0, -1);
        Vec3 c1 = new Vec3(5, 5, 10);
        Vec3 c2 = c1.plus(right.times(6)).plus(down.times(4));
        RectangleRoi rect = RectangleRoi.of(FOR, SERIES, c1, c2, right, down);
        assertThat(rect.widthMm()).isCloseTo(6, within(1e-12));
        assertThat(rect.heightMm()).isCloseTo(4, within(1e-12));
        assertThat(rect.contains(c1.plus(right.times(5.9)).plus(down.times(0.1)))).isTrue();
        assertThat(rect.contains(c1.plus(right.times(6.1)).plus(down.times(1)))).isFalse();
    }

    @Test
    void containsTestsInPlaneOffsetsFromTheCentreOutlineIncluded() {
        RectangleRoi rect = RectangleRoi.of(FOR, SERIES, new Vec3(0, 0, 7), new Vec3(20, 10, 7), RIGHT, DOWN);
        EllipseRoi ellipse = EllipseRoi.of(FOR, SERIES, new Vec3(0, 0, 7), new Vec3(20, 10, 7), RIGHT, DOWN);
        assertThat(rect.contains(new Vec3(10, 5, 7))).isTrue();
        assertThat(rect.contains(new Vec3(0, 0, 7))).as("corner").isTrue();
        assertThat(rect.contains(new Vec3(20.01, 5, 7))).isFalse();
        assertThat(rect.contains(new Vec3(19, 9, 7.4))).as("judged by its projection onto the plane").isTrue();

        assertThat(ellipse.contains(new Vec3(10, 5, 7))).isTrue();
        assertThat(ellipse.contains(new Vec3(20, 5, 7))).as("end of the major axis").isTrue();
        assertThat(ellipse.contains(new Vec3(10, 0, 7))).as("end of the minor axis").isTrue();
        assertThat(ellipse.contains(new Vec3(1, 1, 7))).as("box corner, outside the ellipse").isFalse();
        assertThat(ellipse.contains(new Vec3(10 + 9.9 * Math.cos(0.7), 5 + 4.9 * Math.sin(0.7), 7))).isTrue();
        assertThat(ellipse.contains(new Vec3(10 + 10.1 * Math.cos(0.7), 5 + 5.1 * Math.sin(0.7), 7))).isFalse();
    }

    @Test
    void axesAreMadeOrthonormalAndKeptWhenAlreadySo() {
        RectangleRoi skewed = RectangleRoi.of(FOR, SERIES, Vec3.ZERO, new Vec3(4, 3, 0), new Vec3(2, 0, 0), new Vec3(1, 1, 0));
        assertThat(skewed.right()).isEqualTo(RIGHT);
        assertThat(skewed.down()).isEqualTo(DOWN);
        RectangleRoi exact = RectangleRoi.of(FOR, SERIES, Vec3.ZERO, new Vec3(4, 3, 0), RIGHT, DOWN);
        RectangleRoi copy = new RectangleRoi(exact.id(), FOR, SERIES, exact.corner1(), exact.corner2(), exact.right(), exact.down());
        assertThat(copy).isEqualTo(exact);
        assertThatThrownBy(() -> RectangleRoi.of(FOR, SERIES, Vec3.ZERO, Vec3.ZERO, RIGHT, RIGHT.times(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void movingAHandleCopiesWithTheSameId() {
        LengthMeasurement length = LengthMeasurement.of(FOR, SERIES, Vec3.ZERO, new Vec3(1, 0, 0));
        LengthMeasurement moved = length.moved(1, new Vec3(0, 8, 0));
        assertThat(moved.id()).isEqualTo(length.id());
        assertThat(moved.lengthMm()).isEqualTo(8);
        assertThat(length.lengthMm()).as("the original is unchanged").isEqualTo(1);

        AngleMeasurement angle = AngleMeasurement.of(FOR, SERIES, new Vec3(1, 0, 0), Vec3.ZERO, new Vec3(0, 1, 0));
        assertThat(angle.moved(2, new Vec3(1, 1, 0)).degrees()).isCloseTo(45, within(1e-12));
        assertThat(angle.moved(1, new Vec3(1, 1, 0)).vertex()).isEqualTo(new Vec3(1, 1, 0));
        assertThatThrownBy(() -> angle.moved(3, Vec3.ZERO)).isInstanceOf(IndexOutOfBoundsException.class);

        EllipseRoi ellipse = EllipseRoi.of(FOR, SERIES, new Vec3(0, 0, 5), new Vec3(4, 4, 5), RIGHT, DOWN);
        EllipseRoi bigger = ellipse.moved(1, new Vec3(10, 6, 5.4));
        assertThat(bigger.id()).isEqualTo(ellipse.id());
        assertThat(bigger.corner2()).as("dragged off the plane, put back onto it").isEqualTo(new Vec3(10, 6, 5));
        assertThat(bigger.widthMm()).isEqualTo(10);
        assertThat(bigger.heightMm()).isEqualTo(6);
    }

    @Test
    void idAndSeriesAreRequiredButTheFrameOfReferenceMayBeMissing() {
        assertThat(new LengthMeasurement(UUID.randomUUID(), null, SERIES, Vec3.ZERO, Vec3.ZERO).frameOfReferenceUid()).isNull();
        assertThatThrownBy(() -> new LengthMeasurement(null, FOR, SERIES, Vec3.ZERO, Vec3.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LengthMeasurement.of(FOR, null, Vec3.ZERO, Vec3.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LengthMeasurement.of(FOR, SERIES, Vec3.ZERO, new Vec3(Double.NaN, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
