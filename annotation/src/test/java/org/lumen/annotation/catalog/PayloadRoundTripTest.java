// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.MaskCodec;
import org.lumen.annotation.mask.SliceRuns;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.volume.VolumeGeometry;

/** Every payload type: save, close, reopen, load, and get back exactly what was saved (patient mm bit for bit). */
class PayloadRoundTripTest {

    private static final String FOR = "1.2.3.4.5";

    @TempDir
    Path dir;

    private Path file;
    private Catalog catalog;
    private long person;

    @BeforeEach
    void open() {
        file = dir.resolve("catalog.sqlite");
        catalog = Catalog.open(file);
        catalog.studies().upsert(Fixtures.index(3), "test");
        person = catalog.people().ensure("annotator", true, false).id();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void maskWithFewLesionsRoundTripsWithItsGeometryInKilobytes() {
        LabelMask mask = Fixtures.fewLesions();
        VolumeGeometry geometry = Fixtures.geometry(512, 512, 300);

        AnnotationRevision saved = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), person,
                Origin.MANUAL, new MaskPayload(mask, geometry), "first stroke");
        MaskPayload loaded = (MaskPayload) reopenAndLoad(saved.id()).payload();

        assertThat(loaded.mask()).isEqualTo(mask);
        assertThat(loaded.mask()).isNotSameAs(mask);
        assertThat(loaded.mask().count(1)).isEqualTo(mask.count(1));
        assertThat(loaded.mask().count(2)).isEqualTo(mask.count(2));
        assertThat(loaded.geometry()).isEqualTo(geometry);
        // patient mm of a voxel is the same as before, bit for bit
        assertThat(loaded.geometry().toPatient(200, 220, 100)).isEqualTo(geometry.toPatient(200, 220, 100));
        assertThat(saved.info().storedBytes()).as("a 512x512x300 mask with a few lesions costs kilobytes").isLessThan(32 * 1024);
    }

    @Test
    void emptyMaskRoundTrips() {
        LabelMask empty = new LabelMask(64, 48, 10);
        AnnotationRevision saved = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), person,
                Origin.MANUAL, new MaskPayload(empty, Fixtures.geometry(64, 48, 10)), null);

        MaskPayload loaded = (MaskPayload) reopenAndLoad(saved.id()).payload();

        assertThat(loaded.mask()).isEqualTo(empty);
        assertThat(loaded.mask().labelledSlices().isEmpty()).isTrue();
    }

    @Test
    void everyVectorLabelAndMeasurementRoundTripsInPatientMillimetres() {
        Vec3 right = new Vec3(0.9998476951563913, 0.01745240643728351, 0);
        Vec3 down = new Vec3(-0.01745240643728351, 0.9998476951563913, 0);
        List<VectorLabel> labels = List.of(
                BoxLabel.around(FOR, Fixtures.SERIES, "nodule", new Vec3(30.125, -8.5, -120.75), new Vec3(14, 12.5, 11)),
                new BoxLabel(UUID.randomUUID(), FOR, Fixtures.SERIES, "mass", new Vec3(-1e-9, 2.2, 3.3), right, down, 20.5, 10.25, 0),
                PointLabel.of(FOR, Fixtures.SERIES, "carina", new Vec3(-249.51171875, -180.1, 1234.5678)),
                LineLabel.of(null, Fixtures.SERIES, "long axis", new Vec3(-12.345678901234, 56.7, -1e-9), new Vec3(0.1, 0.2, 0.30000000000000004)));
        List<Measurement> measurements = List.of(
                LengthMeasurement.of(FOR, Fixtures.SERIES, new Vec3(1.5, 2.5, 3.5), new Vec3(4, 5, 6)),
                AngleMeasurement.of(FOR, Fixtures.SERIES, new Vec3(1, 2, 3), new Vec3(4.5, 5.5, 6.5), new Vec3(-7, 8.25, 9)),
                EllipseRoi.of(FOR, Fixtures.SERIES, new Vec3(10, 20, 30), new Vec3(15.5, 27.75, 30), right, down),
                RectangleRoi.of(null, Fixtures.SERIES, new Vec3(-100.125, -50.0625, 1234.5), new Vec3(-80, -20, 1234.5),
                        new Vec3(1, 0, 0), new Vec3(0, 1, 0)));
        VectorPayload payload = new VectorPayload(labels, measurements);

        AnnotationRevision saved = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.VECTOR), person,
                Origin.MANUAL, payload, null);
        VectorPayload loaded = (VectorPayload) reopenAndLoad(saved.id()).payload();

        assertThat(loaded).isEqualTo(payload);
        assertThat(loaded.labels()).hasExactlyElementsOfTypes(BoxLabel.class, BoxLabel.class, PointLabel.class, LineLabel.class);
        assertThat(loaded.measurements()).hasExactlyElementsOfTypes(LengthMeasurement.class, AngleMeasurement.class,
                EllipseRoi.class, RectangleRoi.class);
        assertThat(((LineLabel) loaded.labels().get(3)).lengthMm()).isEqualTo(((LineLabel) labels.get(3)).lengthMm());
        assertThat(((BoxLabel) loaded.labels().get(1)).normal()).isEqualTo(((BoxLabel) labels.get(1)).normal());
        assertThat(((EllipseRoi) loaded.measurements().get(2)).areaMm2()).isEqualTo(((EllipseRoi) measurements.get(2)).areaMm2());
    }

    @Test
    void seriesImageAndFrameClassificationsRoundTrip() {
        catalog.labelClasses().define(null, "normal", "#00FF00", LabelType.CLASSIFICATION, null, null);
        catalog.labelClasses().define(null, "nodule present", "#FF0000", LabelType.CLASSIFICATION, null,
                new Code("SCT", "27925004", "Nodule"));
        ClassificationPayload payload = new ClassificationPayload(List.of(
                ClassificationLabel.ofSeries(Fixtures.SERIES, "nodule present"),
                ClassificationLabel.ofImage(Fixtures.SERIES, Fixtures.SERIES + ".2", "normal"),
                ClassificationLabel.ofFrame(Fixtures.SERIES, Fixtures.SERIES + ".3", 7, "nodule present")));

        long id = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.CLASSIFICATION), person,
                new Origin.Imported("/labels/case1.json"), payload, null).id();
        AnnotationRevision loaded = reopenAndLoad(id);

        assertThat(loaded.payload()).isEqualTo(payload);
        assertThat(loaded.info().origin()).isEqualTo(new Origin.Imported("/labels/case1.json"));
    }

    @Test
    void aBrushStrokeStoresOnlyTheSlicesItChanged() {
        LabelMask mask = Fixtures.fewLesions();
        VolumeGeometry geometry = Fixtures.geometry(512, 512, 300);
        AnnotationRevision first = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), person,
                Origin.MANUAL, new MaskPayload(mask, geometry), "whole mask");
        long annotation = first.info().annotationId();

        // A stroke over slices 99..101, and slice 140's lesion erased.
        Fixtures.ball(mask, 230, 220, 100, 1, 1);
        for (int k = 132; k <= 148; k++) {
            mask.replaceSlice(k, null);
        }
        Map<Integer, SliceRuns> changed = new HashMap<>();
        int voxels = mask.columns() * mask.rows();
        for (int k : new int[] {99, 100, 101}) {
            changed.put(k, SliceRuns.of(mask.sliceOrNull(k), voxels));
        }
        for (int k = 132; k <= 148; k++) {
            changed.put(k, SliceRuns.of(null, voxels));
        }
        RevisionInfo stroke = catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL, geometry, changed, "stroke");
        MaskPayload loaded = (MaskPayload) reopenAndLoad(stroke.id()).payload();

        assertThat(loaded.mask()).isEqualTo(mask);
        assertThat(loaded.geometry()).isEqualTo(geometry);
        assertThat(stroke.parentId()).isEqualTo(first.id());
        assertThat(stroke.storedBytes()).as("a stroke costs its changed slices, not the mask").isLessThan(first.info().storedBytes() / 4);
        assertThat(catalog.annotations().revision(first.id()).orElseThrow().payload()).isEqualTo(new MaskPayload(Fixtures.fewLesions(), geometry))
                .as("the first revision is untouched");
    }

    @Test
    void aStrokeNeedsAWholeMaskOnTheSameGridFirst() {
        VolumeGeometry geometry = Fixtures.geometry(32, 32, 8);
        long annotation = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), person).id();
        Map<Integer, SliceRuns> changed = Map.of(3, SliceRuns.of(new byte[32 * 32], 32 * 32));

        assertThatThrownBy(() -> catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL, geometry, changed, null))
                .hasMessage("annotation " + annotation + " has no mask yet; save the whole mask first, then its strokes");
        catalog.annotations().append(annotation, person, Origin.MANUAL, AnnotationStoreTest.mask(2), null);
        assertThatThrownBy(() -> catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL,
                Fixtures.geometry(32, 32, 9), changed, null))
                .hasMessage("annotation " + annotation + "'s mask is on another grid than this stroke; save the whole mask instead");
        assertThatThrownBy(() -> catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL, geometry,
                Map.of(8, SliceRuns.of(new byte[32 * 32], 32 * 32)), null)).hasMessage("slice 8 is outside the mask's 0..7");
        assertThatThrownBy(() -> catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL, geometry,
                Map.of(2, SliceRuns.of(new byte[10], 10)), null)).hasMessage("slice 2 needs 1024 labels, not 10");
    }

    @Test
    void aMaskEncodedByTheAutosaveRoundTrips() {
        LabelMask mask = Fixtures.fewLesions();
        VolumeGeometry geometry = Fixtures.geometry(512, 512, 300);
        byte[] blob = MaskCodec.encode(mask);
        long annotation = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), person).id();

        RevisionInfo saved = catalog.annotations().appendEncodedMask(annotation, person, Origin.MANUAL, blob, geometry, "autosave");
        RevisionInfo again = catalog.annotations().append(annotation, person, Origin.MANUAL, new MaskPayload(mask, geometry), null);
        MaskPayload loaded = (MaskPayload) reopenAndLoad(saved.id()).payload();

        assertThat(loaded.mask()).isEqualTo(mask);
        assertThat(loaded.geometry()).isEqualTo(geometry);
        assertThat(again.payloadSha256()).as("same content, same hash").isEqualTo(saved.payloadSha256());
        assertThat(again.storedBytes()).as("same slices are stored once").isLessThan(saved.storedBytes() / 2);
        assertThatThrownBy(() -> catalog.annotations().appendEncodedMask(annotation, person, Origin.MANUAL, blob,
                Fixtures.geometry(512, 512, 299), null)).hasMessage("the encoded mask is 512x512x300 but its grid is 512x512x299");
        assertThatThrownBy(() -> catalog.annotations().appendEncodedMask(annotation, person, Origin.MANUAL, new byte[] {1, 2, 3},
                geometry, null)).hasMessageStartingWith("the encoded mask cannot be read");
    }

    private AnnotationRevision reopenAndLoad(long revisionId) {
        catalog.close();
        catalog = Catalog.open(file);
        return catalog.annotations().revision(revisionId).orElseThrow();
    }
}
