// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.lumen.annotation.edit.Brush;
import org.lumen.annotation.edit.MaskEdit;
import org.lumen.annotation.edit.MaskEditor;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.MaskCodec;
import org.lumen.annotation.mask.SliceRuns;
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
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Synthetic content for the catalog benchmarks: a 512×512×300 CT grid, masks with a few spherical
 * lesions, brush strokes on their borders, and study indexes of any size (patients, dates,
 * modalities and descriptions spread like a clinic's), all from fixed seeds so runs compare.
 */
final class CatalogData {

    /** The root of every UID made here (an example root registered for such use). */
    static final String UID_ROOT = "1.2.826.0.1.3680043.8.498.77";

    private CatalogData() { }

    /** A 512×512×300 axial CT grid: 0.703 mm pixels, 1 mm slices. */
    static VolumeGeometry geometry() {
        return new VolumeGeometry(512, 512, 300, new Vec3(-180, -180, -350), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                0.703125, 0.703125, new Vec3(0, 0, 1));
    }

    /** A lesion as a ball in voxel units (centre column, row, slice; radius; label). */
    record Lesion(int ci, int cj, int ck, int r, int label) { }

    /**
     * Three lesions (labels 1, 1, 2) in 83 labelled slices, as docs/catalog.md's figures describe;
     * {@code variant} shifts and resizes them a little, as a second or third annotator would draw them.
     */
    static List<Lesion> lesions(int variant) {
        int d = 2 * variant;
        return List.of(new Lesion(200 + d, 220 - d, 100 + variant, 12 + variant % 2, 1),
                new Lesion(320 - d, 260 + d, 140, 8 + variant, 1),
                new Lesion(150 + d, 300, 200 - variant, 20 - variant, 2));
    }

    static LabelMask mask(VolumeGeometry g, List<Lesion> lesions) {
        LabelMask mask = new LabelMask(g.columns(), g.rows(), g.slices());
        for (Lesion l : lesions) {
            ball(mask, l);
        }
        return mask;
    }

    private static void ball(LabelMask mask, Lesion l) {
        int r = l.r();
        for (int k = l.ck() - r; k <= l.ck() + r; k++) {
            for (int j = l.cj() - r; j <= l.cj() + r; j++) {
                for (int i = l.ci() - r; i <= l.ci() + r; i++) {
                    int di = i - l.ci();
                    int dj = j - l.cj();
                    int dk = k - l.ck();
                    if (di * di + dj * dj + dk * dk <= r * r && mask.contains(i, j, k)) {
                        mask.set(i, j, k, l.label());
                    }
                }
            }
        }
    }

    /**
     * Brush strokes as an annotator makes them on a lesion's border, painting its label; every fourth
     * stroke erases instead. {@link Brush.Shape#DISC}: the workstation's default brush (a 3 mm disc)
     * dragged 10 mm along the axial slice, so one slice changes; {@link Brush.Shape#SPHERE}: a 3D
     * brush of 4 mm dabbed once, up to 7 slices of 1 mm. Each stroke is one {@link MaskEditor} stroke,
     * as a mouse press-drag-release is in the workstation.
     */
    static final class Strokes {
        static final double DISC_RADIUS_MM = 3;
        static final double DRAG_MM = 10;
        static final double SPHERE_RADIUS_MM = 4;

        private final MaskEditor editor;
        private final ViewPlane plane;
        private final List<Lesion> lesions;
        private final Random random;
        private final Brush.Shape shape;
        private int made;

        Strokes(MaskEditor editor, VolumeGeometry g, List<Lesion> lesions, long seed, Brush.Shape shape) {
            this.editor = editor;
            this.plane = ViewPlane.stored(g);
            this.lesions = lesions;
            this.random = new Random(seed);
            this.shape = shape;
        }

        /** What a stroke is, in words. */
        static String describe(Brush.Shape shape) {
            return shape == Brush.Shape.DISC
                    ? String.format(Locale.ROOT, "2D brush (disc %.0f mm, the default) dragged %.0f mm on one slice", DISC_RADIUS_MM, DRAG_MM)
                    : String.format(Locale.ROOT, "3D brush (sphere %.0f mm) dabbed once", SPHERE_RADIUS_MM);
        }

        /** The next stroke that changed at least one voxel. */
        MaskEdit next() {
            while (true) {
                Lesion l = lesions.get(random.nextInt(lesions.size()));
                double z = 2 * random.nextDouble() - 1;
                double phi = 2 * Math.PI * random.nextDouble();
                double s = Math.sqrt(1 - z * z);
                double rr = l.r() * (0.8 + 0.4 * random.nextDouble());
                double x = l.ci() + rr * s * Math.cos(phi);
                double y = l.cj() + rr * s * Math.sin(phi);
                int n = Math.clamp(Math.round(l.ck() + rr * z), 0, plane.count() - 1);
                boolean erase = made % 4 == 3;
                PaintRule rule = erase ? PaintRule.erase() : PaintRule.paint(l.label());
                editor.beginStroke(erase ? "Eraser" : "Brush");
                if (shape == Brush.Shape.DISC) {
                    // Along the border: perpendicular to the radius, DRAG_MM long.
                    double drag = DRAG_MM / plane.pixelWidthMm();
                    double x1 = x - drag * Math.sin(phi);
                    double y1 = y + drag * Math.cos(phi);
                    Brush.disc(DISC_RADIUS_MM, rule).paint(editor, plane, n, x, y, x1, y1, null);
                } else {
                    Brush.sphere(SPHERE_RADIUS_MM, rule).dab(editor, plane, n, x, y, null);
                }
                Optional<MaskEdit> edit = editor.endStroke();
                if (edit.isPresent()) {
                    made++;
                    return edit.get();
                }
            }
        }
    }

    /**
     * Slice {@code k} of {@code mask} encoded exactly as the catalog stores a slice (a
     * columns × rows × 1 {@link LabelMask} through {@link MaskCodec}), or null when it is empty.
     */
    static byte[] sliceBlob(LabelMask mask, int k) {
        byte[] plane = mask.sliceOrNull(k);
        SliceRuns runs = SliceRuns.of(plane, mask.columns() * mask.rows());
        return runs.isEmpty() ? null : MaskCodec.encodeSlice(mask.columns(), mask.rows(), runs);
    }

    // ---------------------------------------------------------------- study indexes

    private static final PixelDescription PIXELS = new PixelDescription(512, 512, 1, 1, 16, 12, 11, true, 0, Photometric.MONOCHROME2);
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    /** One study with one CT series of {@code slices} instances: the case being annotated. */
    static DicomIndex caseIndex(String studyUid, String seriesUid, int slices) {
        PatientInfo patient = new PatientInfo("CASE^ANNOTATED", "C000001", "19600101", "F");
        StudyInfo study = new StudyInfo(studyUid, "20240115", "101500", "CT CHEST WITH CONTRAST", "ACC1", "1");
        SeriesInfo series = new SeriesInfo(seriesUid, 2, "AXIAL 1MM", "CT", UID_ROOT + ".9", "CHEST");
        return new DicomIndex(List.of(new Study(study, patient, List.of(new Series(series, instances(series, patient, study, slices))))),
                List.of());
    }

    private static final String[] FAMILY = {"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
        "RODRIGUEZ", "MARTINEZ", "MUELLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "MEYER", "WAGNER", "BECKER", "SCHULZ",
        "HOFFMANN", "DUBOIS", "MARTIN", "BERNARD", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "ROSSI",
        "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "ROMANO", "COLOMBO", "RICCI", "MARINO", "GRECO", "NOVAK", "KOWALSKI",
        "NIELSEN", "JANSEN", "DE JONG", "VAN DIJK", "TANAKA", "SUZUKI", "KIM", "NGUYEN"};
    private static final String[] GIVEN = {"JAMES", "MARY", "JOHN", "PATRICIA", "ROBERT", "JENNIFER", "MICHAEL", "LINDA",
        "ANNA", "PETER", "MARIE", "PAUL", "SOPHIE", "LUCA", "GIULIA", "JAN", "EVA", "HANS", "ELENA", "YUKI", "MIN", "LAURA",
        "THOMAS", "CLARA", "DAVID", "EMMA", "MARCO", "SARA", "KARL", "INES"};

    /** A modality with the share of studies it gets, its series' modalities and study descriptions. */
    private record Kind(int share, String[] seriesModalities, String bodyPart, String[] descriptions) { }

    private static final List<Kind> KINDS = List.of(
            new Kind(38, new String[] {"CT", "CT", "CT"}, "CHEST", new String[] {"CT CHEST WITH CONTRAST", "CT CHEST LOW DOSE",
                "CT ABDOMEN PELVIS WITH CONTRAST", "CT HEAD WITHOUT CONTRAST", "CT ANGIO PULMONARY", "CT CHEST ABDOMEN PELVIS"}),
            new Kind(25, new String[] {"MR", "MR", "MR"}, "BRAIN", new String[] {"MR BRAIN WITH AND WITHOUT CONTRAST",
                "MR KNEE LEFT", "MR LUMBAR SPINE", "MR PROSTATE MULTIPARAMETRIC", "MR LIVER"}),
            new Kind(12, new String[] {"CR", "CR", "PR"}, "CHEST", new String[] {"CR CHEST PA AND LATERAL", "CR HAND RIGHT"}),
            new Kind(8, new String[] {"US", "US", "SR"}, "ABDOMEN", new String[] {"US ABDOMEN COMPLETE", "US THYROID"}),
            new Kind(7, new String[] {"MG", "MG", "MG"}, "BREAST", new String[] {"MG SCREENING BILATERAL", "MG DIAGNOSTIC LEFT"}),
            new Kind(6, new String[] {"PT", "CT", "CT"}, "WHOLEBODY", new String[] {"PET/CT WHOLE BODY FDG", "PET/CT PSMA"}),
            new Kind(4, new String[] {"NM", "NM", "CT"}, "BONE", new String[] {"NM BONE SCAN WHOLE BODY"}));

    /** Patients behind the studies (about four studies each). */
    static int patients(int studies) {
        return Math.max(1, studies / 4);
    }

    static String patientId(int patient) {
        return String.format(Locale.ROOT, "P%07d", patient);
    }

    static String patientName(int patient) {
        return FAMILY[patient % FAMILY.length] + "^" + GIVEN[(patient / FAMILY.length) % GIVEN.length];
    }

    /**
     * Studies {@code from} (inclusive) to {@code to} (exclusive) of a clinic's index of {@code total}:
     * each with three series of {@code instancesPerSeries} instances; dates from 2014 to 2025.
     * Study n is the same in every run.
     */
    static DicomIndex studies(int from, int to, int total, int instancesPerSeries) {
        List<Study> studies = new ArrayList<>();
        int patients = patients(total);
        for (int n = from; n < to; n++) {
            Random random = new Random(0x5EED_0000L + n);
            int p = random.nextInt(patients);
            PatientInfo patient = new PatientInfo(patientName(p), patientId(p),
                    String.format(Locale.ROOT, "%04d%02d%02d", 1930 + p % 70, 1 + p % 12, 1 + p % 28), p % 2 == 0 ? "F" : "M");
            Kind kind = kind(random.nextInt(100));
            String date = String.format(Locale.ROOT, "%04d%02d%02d", 2014 + random.nextInt(12), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String time = String.format(Locale.ROOT, "%02d%02d%02d", 7 + random.nextInt(12), random.nextInt(60), random.nextInt(60));
            String description = kind.descriptions()[random.nextInt(kind.descriptions().length)];
            String studyUid = UID_ROOT + ".1." + n;
            StudyInfo study = new StudyInfo(studyUid, date, time, description, String.format(Locale.ROOT, "A%08d", n), Integer.toString(n));
            List<Series> series = new ArrayList<>();
            for (int s = 0; s < kind.seriesModalities().length; s++) {
                String modality = kind.seriesModalities()[s];
                SeriesInfo info = new SeriesInfo(studyUid + "." + (s + 1), s + 1, modality + " series " + (s + 1), modality,
                        studyUid + ".0", kind.bodyPart());
                series.add(new Series(info, instances(info, patient, study, instancesPerSeries)));
            }
            studies.add(new Study(study, patient, series));
        }
        return new DicomIndex(studies, List.of());
    }

    private static Kind kind(int percentile) {
        int sum = 0;
        for (Kind k : KINDS) {
            sum += k.share();
            if (percentile < sum) {
                return k;
            }
        }
        return KINDS.getLast();
    }

    private static List<InstanceHeader> instances(SeriesInfo series, PatientInfo patient, StudyInfo study, int count) {
        List<InstanceHeader> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sop = series.seriesInstanceUid() + "." + (i + 1);
            headers.add(new InstanceHeader(Path.of("/data/lumen-bench/" + study.studyInstanceUid() + "/" + sop + ".dcm"), CT_IMAGE, sop,
                    EXPLICIT_LE, null, ObjectKind.IMAGE, patient, study, series, i + 1, 1, null, List.of(), new double[0], PIXELS,
                    null, List.of(), List.of(), null, null));
        }
        return headers;
    }
}
