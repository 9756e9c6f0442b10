// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class ObjectLabelSetTest {

    private static final String SERIES = "1.2.3";
    private static final String FOR = "1.2.3.4";
    private final VolumeGeometry g = TestGrids.axial(64, 64, 30, 0.7, 0.7, 2);

    @Test
    void boxDrawnOnACoronalPlaneIsFlatOnItAndMeasuredInMm() {
        ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
        Vec3 a = coronal.toPatient(10, 5, 20);
        Vec3 b = coronal.toPatient(30, 15, 20);
        BoxLabel box = BoxLabel.onPlane(FOR, SERIES, "nodule", coronal, a, b);
        assertThat(box.isFlat()).isTrue();
        assertThat(box.widthMm()).isCloseTo(20 * 0.7, within(1e-9));
        assertThat(box.heightMm()).isCloseTo(10 * 2, within(1e-9));
        assertThat(box.normal().isParallel(coronal.normal(), 1e-12)).isTrue();
        assertThat(box.contains(coronal.toPatient(20, 10, 20))).isTrue();
        assertThat(box.contains(coronal.toPatient(20, 10, 21))).isFalse();
        assertThat(Math.min(box.points().get(0).distance(a), box.points().get(0).distance(b))).isLessThan(1e-9);
        assertThat(Math.min(box.points().get(1).distance(a), box.points().get(1).distance(b))).isLessThan(1e-9);

        BoxLabel moved = box.moved(1, coronal.toPatient(40, 15, 23));
        assertThat(moved.id()).isEqualTo(box.id());
        assertThat(moved.isFlat()).isTrue();
        assertThat(moved.widthMm()).isCloseTo(30 * 0.7, within(1e-9));

        RectangleRoi roi = box.toRectangleRoi();
        assertThat(roi.id()).isEqualTo(box.id());
        assertThat(roi.areaMm2()).isCloseTo(box.widthMm() * box.heightMm(), within(1e-9));
    }

    @Test
    void boxAroundAFindingHasItsSizeAlongThePatientAxes() {
        Vec3 centre = new Vec3(10, -20, 55);
        BoxLabel box = BoxLabel.around(FOR, SERIES, "nodule", centre, new Vec3(12, 8, 6));
        assertThat(box.volumeMm3()).isCloseTo(576, within(1e-9));
        assertThat(box.contains(centre.plus(new Vec3(5.9, 3.9, 2.9)))).isTrue();
        assertThat(box.contains(centre.plus(new Vec3(0, 0, 3.1)))).isFalse();
        assertThat(box.corners()).hasSize(8).contains(centre.plus(new Vec3(6, 4, 3)));
        BoxLabel grown = box.moved(1, centre.plus(new Vec3(10, 4, 3)));
        assertThat(grown.widthMm()).isCloseTo(16, within(1e-9));
        assertThat(grown.center().x()).isCloseTo(12, within(1e-9));
    }

    @Test
    void labelsAreCheckedOnConstruction() {
        assertThatThrownBy(() -> PointLabel.of(FOR, SERIES, " ", Vec3.ZERO)).hasMessageContaining("class");
        assertThatThrownBy(() -> LineLabel.of(FOR, SERIES, "x", Vec3.ZERO, new Vec3(Double.NaN, 0, 0))).hasMessageContaining("finite");
        assertThatThrownBy(() -> new ClassificationLabel(java.util.UUID.randomUUID(), SERIES, null, 2, "normal"))
                .hasMessageContaining("needs an image");
        assertThatThrownBy(() -> PointLabel.of(FOR, SERIES, "x", Vec3.ZERO).moved(1, Vec3.ZERO))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void addEditAndRemoveAreUndoneWithTheMaskEditsOnOneHistory() {
        EditHistory history = new EditHistory();
        ObjectLabelSet labels = new ObjectLabelSet(history);
        MaskEditor editor = new MaskEditor(new LabelMask(64, 64, 30), history);
        AtomicInteger changes = new AtomicInteger();
        labels.addListener(changes::incrementAndGet);

        PointLabel point = PointLabel.of(FOR, SERIES, "carina", new Vec3(1, 2, 3));
        LineLabel line = LineLabel.of(FOR, SERIES, "axis", new Vec3(0, 0, 0), new Vec3(3, 4, 0));
        ClassificationLabel normal = ClassificationLabel.ofSeries(SERIES, "normal");
        labels.add(point);
        Brush.disc(3, PaintRule.paint(1)).dab(editor, ViewPlane.stored(g), 4, 20, 20, null);
        labels.add(line);
        labels.add(normal);
        labels.replace(normal.withClass("nodule present"));
        labels.remove(point.id());

        assertThat(line.lengthMm()).isCloseTo(5, within(1e-12));
        assertThat(line.toMeasurement().lengthMm()).isCloseTo(5, within(1e-12));
        assertThat(labels.all()).extracting(ObjectLabel::labelClass).containsExactly("axis", "nodule present");
        assertThat(labels.classifications()).hasSize(1);
        assertThat(labels.vectorLabels()).containsExactly(line);
        assertThat(history.nextUndo().orElseThrow().name()).isEqualTo("Delete point");

        history.undo(); // the point comes back in its place
        assertThat(labels.all()).extracting(ObjectLabel::labelClass).containsExactly("carina", "axis", "nodule present");
        history.undo();
        assertThat(labels.get(normal.id()).orElseThrow().labelClass()).isEqualTo("normal");
        history.undo();
        history.undo();
        assertThat(labels.all()).containsExactly(point);
        assertThat(editor.mask().count(1)).isPositive();
        history.undo(); // the brush dab
        assertThat(editor.mask().labels()).isEmpty();
        history.undo();
        assertThat(labels.size()).isZero();
        while (history.redo().isPresent()) {
            // all the way forward again
        }
        assertThat(labels.all()).extracting(ObjectLabel::labelClass).containsExactly("axis", "nodule present");
        assertThat(editor.mask().count(1)).isPositive();
        assertThat(changes.get()).isEqualTo(5 + 5 + 5);
        assertThatThrownBy(() -> labels.add(line)).hasMessageContaining("already");
        assertThat(labels.replace(PointLabel.of(FOR, SERIES, "x", Vec3.ZERO))).isFalse();
    }

    @Test
    void labelsReadBackFromTheCatalogAreTheStartingStateNotAStep() {
        EditHistory history = new EditHistory();
        ObjectLabelSet labels = new ObjectLabelSet(history);
        AtomicInteger changes = new AtomicInteger();
        labels.addListener(changes::incrementAndGet);
        PointLabel point = PointLabel.of(FOR, SERIES, "carina", new Vec3(1, 2, 3));
        ClassificationLabel normal = ClassificationLabel.ofSeries(SERIES, "normal");
        labels.load(java.util.List.of(point, normal));
        assertThat(labels.all()).containsExactly(point, normal);
        assertThat(history.canUndo()).isFalse();
        assertThat(changes.get()).isEqualTo(1);
        assertThatThrownBy(() -> labels.load(java.util.List.of(point))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ObjectLabelSet(history).load(java.util.List.of(point, point)))
                .hasMessageContaining("repeat");
    }
}
