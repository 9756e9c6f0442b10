// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.ObjectKind;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.SeriesInfo;
import org.lumen.viewer.index.Study;
import org.lumen.viewer.index.StudyInfo;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A real catalog with one case ready for review: a CT series in dataset "lung" (classes Nodule = 1,
 * Mass = 2), labelled by two annotators, "ann" and "bob", whose masks agree on known voxels:
 * <ul>
 * <li>Nodule: ann draws two lesions, a 4×4×2 block at (2..5, 2..5, 1..2) and one voxel at (20, 20, 3);
 *     bob draws the block shifted by two columns (4..7) only. Overlap 2×4×2 = 16 of 33 + 32 voxels:
 *     Dice 32/65; lesions: ann 1 of 2 matched, bob 1 of 1.</li>
 * <li>Mass: bob only, one voxel at (10, 10, 0): Dice 0, bob's lesion unmatched.</li>
 * </ul>
 * Used by the review package's tests and by the review panel's TestFX test.
 */
public final class ReviewCases implements AutoCloseable {

    public static final String STUDY = "1.2.826.0.1.3680043.8.498.77";
    public static final String SERIES = "1.2.826.0.1.3680043.8.498.77.1";
    public static final String OTHER_SERIES = "1.2.826.0.1.3680043.8.498.77.2";
    public static final double NODULE_DICE = 32.0 / 65;

    public final Catalog catalog;
    public final DatasetRecord dataset;
    public final long ann;
    public final long bob;
    public final long annMask;
    public final long bobMask;

    private ReviewCases(Catalog catalog) {
        this.catalog = catalog;
        catalog.studies().upsert(index(), "test");
        dataset = catalog.datasets().create("lung", "review test", "Nodule, Mass");
        catalog.labelClasses().define(dataset.id(), "Nodule", "#E6194B", LabelType.MASK, 1, null);
        catalog.labelClasses().define(dataset.id(), "Mass", "#F58231", LabelType.MASK, 2, null);
        catalog.datasets().addMembers(dataset.id(), List.of(SERIES, OTHER_SERIES));
        ann = catalog.people().ensure("ann", true, false).id();
        bob = catalog.people().ensure("bob", true, false).id();
        LabelMask a = new LabelMask(24, 24, 4);
        LabelMask b = new LabelMask(24, 24, 4);
        for (int k = 1; k <= 2; k++) {
            for (int j = 2; j <= 5; j++) {
                for (int i = 2; i <= 5; i++) {
                    a.set(i, j, k, 1);
                    b.set(i + 2, j, k, 1);
                }
            }
        }
        a.set(20, 20, 3, 1);
        b.set(10, 10, 0, 2);
        annMask = mask(ann, a, "first pass");
        catalog.annotations().append(annMask, ann, Origin.MANUAL, new MaskPayload(a, geometry()), "second look");
        bobMask = mask(bob, b, "done");
    }

    /** Opens {@code dir}/catalog.sqlite and fills it with the case. */
    public static ReviewCases open(Path dir) {
        return open(dir, CatalogOptions.defaults());
    }

    public static ReviewCases open(Path dir, CatalogOptions options) {
        return new ReviewCases(Catalog.open(file(dir), options));
    }

    public static Path file(Path dir) {
        return dir.resolve("catalog.sqlite");
    }

    private long mask(long author, LabelMask mask, String comment) {
        return catalog.annotations().create(new NewAnnotation(SERIES, dataset.id(), AnnotationKind.MASK, null), author,
                Origin.MANUAL, new MaskPayload(mask, geometry()), comment).info().annotationId();
    }

    public static VolumeGeometry geometry() {
        return new VolumeGeometry(24, 24, 4, new Vec3(-100, -100, 50), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1.5, 1.5,
                new Vec3(0, 0, 2.5));
    }

    static DicomIndex index() {
        PatientInfo patient = new PatientInfo("DOE^JANE", "P077", "19600101", "F");
        StudyInfo study = new StudyInfo(STUDY, "20240115", "101500", "CT CHEST", "ACC077", "1");
        List<Series> series = new ArrayList<>();
        for (String uid : List.of(SERIES, OTHER_SERIES)) {
            SeriesInfo info = new SeriesInfo(uid, series.size() + 2, "CT CHEST series", "CT", "1.2.3.4.5", "CHEST");
            List<InstanceHeader> headers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                PixelDescription pixels = new PixelDescription(24, 24, 1, 1, 16, 12, 11, true, 0, Photometric.MONOCHROME2);
                headers.add(new InstanceHeader(Path.of("/data/" + uid + "." + (i + 1) + ".dcm"), "1.2.840.10008.5.1.4.1.1.2",
                        uid + "." + (i + 1), "1.2.840.10008.1.2.1", null, ObjectKind.IMAGE, patient, study, info, i + 1, 1, null,
                        List.of(), new double[0], pixels, null, List.of(), List.of(), null, null));
            }
            series.add(new Series(info, headers));
        }
        return new DicomIndex(List.of(new Study(study, patient, series)), List.of());
    }

    @Override
    public void close() {
        catalog.close();
    }
}
