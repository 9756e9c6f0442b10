// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

/** Small indexes, grids and masks the catalog tests share. */
final class Fixtures {

    static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
    static final String SERIES = "1.2.826.0.1.3680043.8.498.1.1";

    private Fixtures() { }

    /** Options with a short busy timeout, so lock tests do not wait 5 s. */
    static CatalogOptions quick() {
        return CatalogOptions.defaults().withBusyTimeout(Duration.ofMillis(300));
    }

    static CatalogOptions fixedClock(Instant at) {
        return CatalogOptions.defaults().withClock(Clock.fixed(at, ZoneOffset.UTC));
    }

    /** One CT study with one series of {@code instances} instances. */
    static DicomIndex index(int instances) {
        return index(STUDY, "DOE^JANE", "P001", "20240115", "CT CHEST", "CT", SERIES, instances);
    }

    static DicomIndex index(String studyUid, String patientName, String patientId, String date, String description,
                            String modality, String seriesUid, int instances) {
        PatientInfo patient = new PatientInfo(patientName, patientId, "19600101", "F");
        StudyInfo study = new StudyInfo(studyUid, date, "101500", description, "ACC" + patientId, "1");
        SeriesInfo series = new SeriesInfo(seriesUid, 2, description + " series", modality, "1.2.3.4.5", "CHEST");
        List<InstanceHeader> headers = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            headers.add(header(seriesUid + "." + (i + 1), i + 1, patient, study, series));
        }
        return new DicomIndex(List.of(new Study(study, patient, List.of(new Series(series, headers)))), List.of());
    }

    static InstanceHeader header(String sopUid, int number, PatientInfo patient, StudyInfo study, SeriesInfo series) {
        PixelDescription pixels = new PixelDescription(512, 512, 1, 1, 16, 12, 11, true, 0, Photometric.MONOCHROME2);
        return new InstanceHeader(Path.of("/data/" + sopUid + ".dcm"), "1.2.840.10008.5.1.4.1.1.2", sopUid,
                "1.2.840.10008.1.2.1", null, ObjectKind.IMAGE, patient, study, series, number, 1, null, List.of(),
                new double[0], pixels, null, List.of(), List.of(), null, null);
    }

    /** An axial grid with awkward (non-round, sheared) values, so geometry round trips are tested for real. */
    static VolumeGeometry geometry(int columns, int rows, int slices) {
        return new VolumeGeometry(columns, rows, slices, new Vec3(-249.51171875, -180.1, 1234.5678),
                new Vec3(1, 0, 0), new Vec3(0, 0.9998476951563913, -0.01745240643728351),
                0.9765625, 0.9765625, new Vec3(0, 0.0436193873653360, 2.4976))
                ;
    }

    /** Paints a ball of {@code label} with radius {@code r} voxels (in-plane) around (ci, cj, ck). */
    static void ball(LabelMask mask, int ci, int cj, int ck, int r, int label) {
        for (int k = ck - r; k <= ck + r; k++) {
            for (int j = cj - r; j <= cj + r; j++) {
                for (int i = ci - r; i <= ci + r; i++) {
                    int di = i - ci;
                    int dj = j - cj;
                    int dk = k - ck;
                    if (di * di + dj * dj + dk * dk <= r * r) {
                        mask.set(i, j, k, label);
                    }
                }
            }
        }
    }

    /** A 512×512×300 mask with a few lesions, as the benchmark describes. */
    static LabelMask fewLesions() {
        LabelMask mask = new LabelMask(512, 512, 300);
        ball(mask, 200, 220, 100, 12, 1);
        ball(mask, 320, 260, 140, 8, 1);
        ball(mask, 150, 300, 200, 20, 2);
        return mask;
    }
}
