// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lumen.testdata.dicom.PlanarHeader;
import org.lumen.testdata.dicom.PlanarImageWriter;
import org.lumen.testdata.dicom.PlanarImageWriter.MammoView;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;

/**
 * Generates the 2D phantoms — mammogram, colour fundus photograph, chest radiograph — with known lesions, each into
 * its own empty (or new) folder: one DICOM file per image and {@code ground-truth.json} ({@link PlanarTruth}). The same
 * spec always writes byte-identical files.
 */
public final class PlanarPhantoms {

    public static final String MAMMOGRAM = "mammogram";
    public static final String FUNDUS = "fundus";
    public static final String CHEST_XRAY = "chest-xray";

    private PlanarPhantoms() { }

    /**
     * A mammogram: the left CC view, or the four screening views (R CC, L CC, R MLO, L MLO) in one series.
     *
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     * @throws IllegalArgumentException when the lesions do not fit the image
     */
    public static PlanarPhantomResult writeMammogram(Path outDir, MammogramSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        PhantomIdentity identity = new PhantomIdentity(MAMMOGRAM, spec.seed(), spec);
        PatientInfo patient = female(identity.patient("BREAST"));
        StudyInfo study = identity.study("Screening mammogram phantom");
        List<String[]> views = spec.fourViews()
                ? List.of(new String[] {"R", "CC"}, new String[] {"L", "CC"}, new String[] {"R", "MLO"}, new String[] {"L", "MLO"})
                : List.<String[]>of(new String[] {"L", "CC"});
        Path folder = OutputFolder.prepare(outDir);
        Output output = new Output(folder, identity);
        PlanarImageWriter writer = new PlanarImageWriter();
        for (int n = 0; n < views.size(); n++) {
            String laterality = views.get(n)[0];
            String view = views.get(n)[1];
            MammogramPhantom.View rendered = new MammogramPhantom(spec, laterality, view).render(n);
            Path file = folder.resolve(String.format("mammogram-%s-%s.dcm", laterality, view));
            PlanarHeader header = output.header(patient, study, "Mammogram phantom", n, spec.columns(), spec.rows(),
                    spec.pixelSpacingMm(), laterality);
            writer.writeMammogram(file, header, MammoView.valueOf(view), rendered.pixels(), MammogramPhantom.WINDOW_CENTER,
                    MammogramPhantom.WINDOW_WIDTH);
            output.add(file, header, view, null, null, rendered.lesions());
        }
        return output.finish(MAMMOGRAM, "MG", spec.seed(), study, null);
    }

    /**
     * A colour fundus photograph of the right eye, or of both eyes (right, then left) in one series.
     *
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     */
    public static PlanarPhantomResult writeFundus(Path outDir, FundusSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        PhantomIdentity identity = new PhantomIdentity(FUNDUS, spec.seed(), spec);
        StudyInfo study = identity.study("Diabetic retinopathy screening phantom");
        PatientInfo patient = identity.patient("EYE");
        List<String> eyes = spec.bothEyes() ? List.of("R", "L") : List.of("R");
        Path folder = OutputFolder.prepare(outDir);
        Output output = new Output(folder, identity);
        PlanarImageWriter writer = new PlanarImageWriter();
        SplittableRandom grades = new SplittableRandom(spec.seed() * 31L + 17);
        int worst = 0;
        for (int n = 0; n < eyes.size(); n++) {
            int grade = spec.grade() >= 0 ? spec.grade() : grades.nextInt(FundusGrade.NAMES.size());
            FundusPhantom.Eye eye = new FundusPhantom(spec, n, eyes.get(n)).render(grade);
            Path file = folder.resolve(String.format("fundus-%s.dcm", eyes.get(n)));
            // A 45° fundus camera images about 13 mm of retina across the field of view's diameter.
            double spacing = 13.0 / (0.96 * spec.rows());
            PlanarHeader header = output.header(patient, study, "Colour fundus phantom", n, spec.columns(), spec.rows(),
                    spacing, eyes.get(n));
            writer.writeFundus(file, header, eye.rgb());
            double[] disc = {round(eye.discCenter()[0]), round(eye.discCenter()[1]), round(eye.discRadius())};
            output.add(file, header, null, eye.grade(), disc, eye.lesions());
            worst = Math.max(worst, eye.grade());
        }
        return output.finish(FUNDUS, "OP", spec.seed(), study, worst);
    }

    /**
     * A postero-anterior chest radiograph with lung nodules.
     *
     * @throws IOException naming the folder or file that could not be written (a non-empty folder included)
     * @throws IllegalArgumentException when the nodules do not fit the lungs
     */
    public static PlanarPhantomResult writeChestRadiograph(Path outDir, ChestRadiographSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        PhantomIdentity identity = new PhantomIdentity(CHEST_XRAY, spec.seed(), spec);
        StudyInfo study = identity.study("Chest radiograph phantom");
        PatientInfo patient = identity.patient("CHEST");
        Path folder = OutputFolder.prepare(outDir);
        Output output = new Output(folder, identity);
        ChestRadiographPhantom.Image image = new ChestRadiographPhantom(spec).render();
        Path file = folder.resolve("chest-PA.dcm");
        PlanarHeader header = output.header(patient, study, "Chest radiograph phantom", 0, spec.columns(), spec.rows(),
                spec.pixelSpacingMm(), "U");
        new PlanarImageWriter().writeChestRadiograph(file, header, image.pixels(), ChestRadiographPhantom.WINDOW_CENTER,
                ChestRadiographPhantom.WINDOW_WIDTH);
        output.add(file, header, "PA", null, null, image.lesions());
        return output.finish(CHEST_XRAY, "DX", spec.seed(), study, null);
    }

    private static PatientInfo female(PatientInfo patient) {
        return new PatientInfo(patient.name(), patient.id(), patient.birthDate(), "F");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Collects the images and lesions written into one folder, then writes the ground truth. */
    private static final class Output {

        private final Path folder;
        private final PhantomIdentity identity;
        private final List<Path> files = new ArrayList<>();
        private final List<PlanarTruth.ImageTruth> images = new ArrayList<>();
        private final List<PlanarTruth.LesionTruth> lesionTruths = new ArrayList<>();
        private final List<PlanarLesion> lesions = new ArrayList<>();

        Output(Path folder, PhantomIdentity identity) {
            this.folder = folder;
            this.identity = identity;
        }

        PlanarHeader header(PatientInfo patient, StudyInfo study, String description, int image, int columns, int rows,
                            double spacing, String laterality) {
            return new PlanarHeader(patient, study, identity.seriesInstanceUid(), 1, description,
                    identity.sopInstanceUid(image), image + 1, columns, rows, spacing, laterality);
        }

        void add(Path file, PlanarHeader header, String view, Integer grade, double[] disc, List<PlanarLesion> planted) {
            String name = folder.relativize(file).toString();
            files.add(file);
            images.add(new PlanarTruth.ImageTruth(name, header.sopInstanceUid(), header.laterality(), view, header.columns(),
                    header.rows(), header.pixelSpacingMm(), grade, disc));
            for (PlanarLesion lesion : planted) {
                lesions.add(lesion);
                lesionTruths.add(new PlanarTruth.LesionTruth(lesionTruths.size() + 1, lesion.kind(),
                        new double[] {round(lesion.column()), round(lesion.row())}, round(lesion.radiusPx()), lesion.image(),
                        name, header.sopInstanceUid(),
                        lesion.kind().equals(PlanarLesion.CALCIFICATION_CLUSTER) ? lesion.members() : null));
            }
        }

        PlanarPhantomResult finish(String phantom, String modality, long seed, StudyInfo study, Integer grade)
                throws IOException {
            PlanarTruth truth = new PlanarTruth(phantom, modality, seed, study.studyInstanceUid(), identity.seriesInstanceUid(),
                    List.copyOf(images), List.copyOf(lesionTruths), grade, grade == null ? null : FundusGrade.NAMES,
                    grade == null ? null : FundusGrade.RULE);
            Path truthFile = folder.resolve(GroundTruthFiles.FILE_NAME);
            GroundTruthFiles.write(truthFile, truth);
            return new PlanarPhantomResult(folder, files, truthFile, truth, lesions);
        }
    }
}
