// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2D phantoms: valid DICOM (dciodvfy), truthful ground truth (checked on the pixels), reproducible. */
class PlanarPhantomsTest {

    /** A quarter of the default detector each way, at the same spacing: lesions keep their size in pixels. */
    private static final MammogramSpec SMALL_MAMMOGRAM = MammogramSpec.defaults().withSize(766, 1166);
    private static final FundusSpec SMALL_FUNDUS = FundusSpec.defaults().withSize(1024, 768);
    private static final ChestRadiographSpec SMALL_CHEST = ChestRadiographSpec.defaults().withSize(512, 512);

    @TempDir
    Path temp;

    @Test
    void everyKindPassesDciodvfyWithoutErrors() throws Exception {
        assumeTrue(onPath("dciodvfy"), "dciodvfy is not installed");
        List<Path> files = new ArrayList<>();
        files.addAll(PlanarPhantoms.writeMammogram(temp.resolve("mg"), SMALL_MAMMOGRAM.withFourViews(true)).dicomFiles());
        files.addAll(PlanarPhantoms.writeFundus(temp.resolve("op"), SMALL_FUNDUS.withBothEyes(true)).dicomFiles());
        files.addAll(PlanarPhantoms.writeChestRadiograph(temp.resolve("dx"), SMALL_CHEST).dicomFiles());

        assertThat(files).hasSize(7);
        for (Path file : files) {
            String report = run("dciodvfy", "-new", file.toString());
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(file + ":\n" + report).isEmpty();
            assertThat(report).containsAnyOf("MammographyImageForPresentation", "OphthalmicPhotography8BitImage",
                    "DXImageForPresentation");
        }
    }

    @Test
    void theDefaultMammogramHasTheFullDetectorSize() throws Exception {
        PlanarPhantomResult result = PlanarPhantoms.writeMammogram(temp.resolve("full"), MammogramSpec.defaults());

        PlanarTruth.ImageTruth image = result.groundTruth().images().getFirst();
        assertThat(image.columns()).isEqualTo(3064);
        assertThat(image.rows()).isEqualTo(4664);
        assertThat(image.laterality()).isEqualTo("L");
        assertThat(image.view()).isEqualTo("CC");
        short[] pixels = RawPixels.lastSamples(result.dicomFiles().getFirst(), 3064 * 4664);
        assertLesionsStandOut(result, 0, pixels, 3064, 4664);
        if (onPath("dciodvfy")) {
            String report = run("dciodvfy", "-new", result.dicomFiles().getFirst().toString());
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        }
    }

    @Test
    void mammogramLesionsAreWhereTheTruthSaysAndTheChestWallFollowsLaterality() throws Exception {
        PlanarPhantomResult result = PlanarPhantoms.writeMammogram(temp.resolve("mg"), SMALL_MAMMOGRAM.withFourViews(true));

        PlanarTruth truth = result.groundTruth();
        assertThat(truth.images()).extracting(i -> i.laterality() + " " + i.view())
                .containsExactly("R CC", "L CC", "R MLO", "L MLO");
        assertThat(truth.lesions()).hasSize(4 * 3);
        for (int n = 0; n < 4; n++) {
            short[] pixels = RawPixels.lastSamples(result.dicomFiles().get(n), 766 * 1166);
            assertLesionsStandOut(result, n, pixels, 766, 1166);
            // The breast lies against the chest wall: the left breast's on the image's left, the right's on its right.
            int middleRow = 1166 / 2 * 766;
            boolean left = truth.images().get(n).laterality().equals("L");
            assertThat(pixels[middleRow + (left ? 2 : 763)]).isGreaterThan((short) 300);
            assertThat(pixels[middleRow + (left ? 763 : 2)]).isLessThan((short) 300);
        }
        for (PlanarTruth.LesionTruth lesion : truth.lesions()) {
            PlanarTruth.ImageTruth image = truth.images().get(lesion.image());
            assertThat(lesion.file()).isEqualTo(image.file());
            assertThat(lesion.sopInstanceUid()).isEqualTo(image.sopInstanceUid());
            if (lesion.kind().equals(PlanarLesion.CALCIFICATION_CLUSTER)) {
                assertThat(lesion.members()).isBetween(5, 12);
            }
        }
    }

    @Test
    void fundusGradeFollowsTheCountsByTheStatedRuleAndLesionsShowInTheirColours() throws Exception {
        for (int grade = 0; grade <= 3; grade++) {
            PlanarPhantomResult result = PlanarPhantoms.writeFundus(temp.resolve("g" + grade), SMALL_FUNDUS.withGrade(grade));
            PlanarTruth truth = result.groundTruth();

            assertThat(truth.grade()).isEqualTo(grade);
            assertThat(truth.images().getFirst().grade()).isEqualTo(grade);
            assertThat(FundusGrade.of(result.lesions())).isEqualTo(grade);
            assertThat(truth.gradeRule()).isEqualTo(FundusGrade.RULE);
            assertThat(truth.lesions().isEmpty()).isEqualTo(grade == 0);
            byte[] rgb = lastBytes(result.dicomFiles().getFirst(), 1024 * 768 * 3);
            for (PlanarLesion lesion : result.lesions()) {
                int[] centre = rgbAt(rgb, 1024, lesion.column(), lesion.row());
                int[] around = ringMedian(rgb, 1024, lesion);
                if (lesion.kind().equals(PlanarLesion.EXUDATE)) {
                    assertThat(centre[1]).as("green of exudate %s", lesion).isGreaterThan(around[1] + 40);
                } else {
                    assertThat(centre[0]).as("red of %s", lesion).isLessThan(around[0] - 25);
                }
            }
        }
    }

    @Test
    void bothEyesMirrorTheOpticDiscAndTheStudyGradeIsTheWorseEyes() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            PlanarPhantomResult result = PlanarPhantoms.writeFundus(temp.resolve("s" + seed),
                    SMALL_FUNDUS.withBothEyes(true).withSeed(seed));
            PlanarTruth truth = result.groundTruth();
            PlanarTruth.ImageTruth right = truth.images().get(0);
            PlanarTruth.ImageTruth left = truth.images().get(1);

            assertThat(right.laterality()).isEqualTo("R");
            assertThat(left.laterality()).isEqualTo("L");
            assertThat(right.opticDiscPx()[0]).isGreaterThan(512);
            assertThat(left.opticDiscPx()[0]).isLessThan(512);
            assertThat(truth.grade()).isEqualTo(Math.max(right.grade(), left.grade()));
        }
    }

    @Test
    void chestNodulesLieInTheLungsAndStandOut() throws Exception {
        PlanarPhantomResult result = PlanarPhantoms.writeChestRadiograph(temp.resolve("dx"), SMALL_CHEST.withNodules(4));

        assertThat(result.groundTruth().lesions()).hasSize(4).allMatch(l -> l.kind().equals(PlanarLesion.NODULE));
        short[] pixels = RawPixels.lastSamples(result.dicomFiles().getFirst(), 512 * 512);
        assertLesionsStandOut(result, 0, pixels, 512, 512);
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherLesions() throws Exception {
        PlanarPhantomResult a = PlanarPhantoms.writeFundus(temp.resolve("a"), SMALL_FUNDUS.withGrade(2));
        PlanarPhantomResult b = PlanarPhantoms.writeFundus(temp.resolve("b"), SMALL_FUNDUS.withGrade(2));
        PlanarPhantomResult c = PlanarPhantoms.writeFundus(temp.resolve("c"), SMALL_FUNDUS.withGrade(2).withSeed(2));
        PlanarPhantomResult m1 = PlanarPhantoms.writeMammogram(temp.resolve("m1"), SMALL_MAMMOGRAM);
        PlanarPhantomResult m2 = PlanarPhantoms.writeMammogram(temp.resolve("m2"), SMALL_MAMMOGRAM);

        assertThat(Files.mismatch(a.dicomFiles().getFirst(), b.dicomFiles().getFirst())).isEqualTo(-1);
        assertThat(Files.mismatch(a.groundTruthFile(), b.groundTruthFile())).isEqualTo(-1);
        assertThat(Files.mismatch(m1.dicomFiles().getFirst(), m2.dicomFiles().getFirst())).isEqualTo(-1);
        assertThat(c.lesions()).isNotEqualTo(a.lesions());
        assertThat(c.groundTruth().studyInstanceUid()).isNotEqualTo(a.groundTruth().studyInstanceUid());
    }

    @Test
    void groundTruthJsonHasTheDocumentedKeys() throws Exception {
        PlanarPhantomResult result = PlanarPhantoms.writeFundus(temp.resolve("j"), SMALL_FUNDUS.withGrade(1));

        JsonNode json = new ObjectMapper().readTree(result.groundTruthFile().toFile());
        assertThat(json.get("phantom").asText()).isEqualTo("fundus");
        assertThat(json.get("modality").asText()).isEqualTo("OP");
        assertThat(json.get("grade").asInt()).isEqualTo(1);
        JsonNode lesion = json.get("lesions").get(0);
        assertThat(lesion.get("kind").asText()).isEqualTo("microaneurysm");
        assertThat(lesion.get("centerPx")).hasSize(2);
        assertThat(lesion.get("radiusPx").asDouble()).isPositive();
        assertThat(lesion.get("file").asText()).isEqualTo("fundus-R.dcm");
        assertThat(lesion.get("sopInstanceUid").asText()).startsWith("2.25.");
        assertThat(GroundTruthFiles.readPlanar(result.groundTruthFile()).lesions()).hasSize(json.get("lesions").size());
    }

    @Test
    void lesionsThatCannotFitAreRefusedWithASentence() {
        MammogramSpec crowded = MammogramSpec.defaults().withSize(256, 256).withLesions(10, 10);

        assertThatThrownBy(() -> PlanarPhantoms.writeMammogram(temp.resolve("x"), crowded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a larger image or fewer lesions");
    }

    /** Every lesion of image {@code n} lies inside the image and is brighter at its centre than just outside it. */
    private static void assertLesionsStandOut(PlanarPhantomResult result, int n, short[] pixels, int columns, int rows) {
        for (PlanarLesion lesion : result.lesions()) {
            if (lesion.image() != n) {
                continue;
            }
            assertThat(lesion.column() - lesion.radiusPx()).isGreaterThanOrEqualTo(0);
            assertThat(lesion.row() - lesion.radiusPx()).isGreaterThanOrEqualTo(0);
            assertThat(lesion.column() + lesion.radiusPx()).isLessThan(columns);
            assertThat(lesion.row() + lesion.radiusPx()).isLessThan(rows);
            if (lesion.kind().equals(PlanarLesion.CALCIFICATION_CLUSTER)) {
                // The brightest pixel within the cluster is a calcification, far above the parenchyma.
                assertThat((double) max(pixels, columns, lesion)).as("%s", lesion).isGreaterThan(mean(pixels, columns, lesion, 1.5) + 800);
            } else {
                assertThat(mean(pixels, columns, lesion, 0.3)).as("%s", lesion).isGreaterThan(ringMean(pixels, columns, lesion) + 150);
            }
        }
    }

    private static double mean(short[] pixels, int columns, PlanarLesion lesion, double fraction) {
        double sum = 0;
        int count = 0;
        int r = (int) Math.ceil(lesion.radiusPx() * fraction);
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dx * dx + dy * dy <= r * r) {
                    int x = Math.clamp(Math.round(lesion.column()) + dx, 0, columns - 1);
                    int y = Math.clamp(Math.round(lesion.row()) + dy, 0, pixels.length / columns - 1);
                    sum += pixels[y * columns + x];
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static int max(short[] pixels, int columns, PlanarLesion lesion) {
        int best = 0;
        int r = (int) Math.ceil(lesion.radiusPx());
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                best = Math.max(best, pixels[((int) Math.round(lesion.row()) + dy) * columns + (int) Math.round(lesion.column()) + dx]);
            }
        }
        return best;
    }

    /** The mean over a thin ring just outside the lesion. */
    private static double ringMean(short[] pixels, int columns, PlanarLesion lesion) {
        double sum = 0;
        int count = 0;
        double r = lesion.radiusPx() + 3;
        for (int k = 0; k < 64; k++) {
            double angle = k * Math.PI / 32;
            int x = (int) Math.round(lesion.column() + r * Math.cos(angle));
            int y = (int) Math.round(lesion.row() + r * Math.sin(angle));
            sum += pixels[y * columns + x];
            count++;
        }
        return sum / count;
    }

    /** Each channel's median over 16 points on a ring just outside the lesion (a vessel may cross a few of them). */
    private static int[] ringMedian(byte[] rgb, int columns, PlanarLesion lesion) {
        int[][] channels = new int[3][16];
        for (int k = 0; k < 16; k++) {
            double angle = k * Math.PI / 8;
            int[] v = rgbAt(rgb, columns, lesion.column() + (lesion.radiusPx() + 4) * Math.cos(angle),
                    lesion.row() + (lesion.radiusPx() + 4) * Math.sin(angle));
            for (int c = 0; c < 3; c++) {
                channels[c][k] = v[c];
            }
        }
        int[] median = new int[3];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.sort(channels[c]);
            median[c] = channels[c][8];
        }
        return median;
    }

    private static int[] rgbAt(byte[] rgb, int columns, double column, double row) {
        int n = ((int) Math.round(row) * columns + (int) Math.round(column)) * 3;
        return new int[] {rgb[n] & 0xFF, rgb[n + 1] & 0xFF, rgb[n + 2] & 0xFF};
    }

    private static byte[] lastBytes(Path file, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] out = new byte[count];
        System.arraycopy(bytes, bytes.length - count, out, 0, count);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return text;
    }
}
