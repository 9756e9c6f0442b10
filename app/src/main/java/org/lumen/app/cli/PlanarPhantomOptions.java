// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lumen.testdata.ChestRadiographSpec;
import org.lumen.testdata.FundusGrade;
import org.lumen.testdata.FundusSpec;
import org.lumen.testdata.MammogramSpec;
import org.lumen.testdata.PlanarPhantomResult;
import org.lumen.testdata.PlanarPhantoms;
import org.lumen.testdata.PlanarTruth;
import picocli.CommandLine.Option;

/**
 * The options and the writing of {@code lumen phantom --kind mammogram|fundus|chest-xray}: 2D phantoms with their
 * lesions in {@code ground-truth.json} (centre [column, row] and radius in pixels, and the fundus grade).
 */
final class PlanarPhantomOptions {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*");

    @Option(names = "--four-views", description = "Mammogram: the four screening views R CC, L CC, R MLO, L MLO (default: L CC only).")
    private boolean fourViews;

    @Option(names = "--both-eyes", description = "Fundus: both eyes, right then left (default: the right eye only).")
    private boolean bothEyes;

    @Option(names = "--grade", paramLabel = "G", description = "Fundus: plant lesions for grade G, 0 none to 3 severe (default: from the seed).")
    private Integer grade;

    @Option(names = "--masses", paramLabel = "K", description = "Mammogram: masses per view (default: 1).")
    private Integer masses;

    @Option(names = "--clusters", paramLabel = "K", description = "Mammogram: calcification clusters per view (default: 2).")
    private Integer clusters;

    /** Refuses the 2D options when a chest CT is asked for. */
    void refuseFor3d() {
        if (fourViews || bothEyes || grade != null || masses != null || clusters != null) {
            throw new IllegalArgumentException("--four-views, --both-eyes, --grade, --masses and --clusters are for --kind"
                    + " mammogram or fundus, not for the chest CT");
        }
    }

    /**
     * Writes {@code cases} phantoms of {@code kind} (seeds {@code seed}, {@code seed + 1}, …) and says what it wrote.
     *
     * @param size "COLUMNSxROWS", or null for the kind's default
     */
    void write(PrintWriter out, String kind, Path outDir, long seed, int cases, String size) throws IOException {
        int[] columnsRows = size == null ? null : parseSize(size);
        if ((fourViews || masses != null || clusters != null) && !kind.equals(PlanarPhantoms.MAMMOGRAM)) {
            throw new IllegalArgumentException("--four-views, --masses and --clusters are for --kind mammogram, not " + kind);
        }
        if ((bothEyes || grade != null) && !kind.equals(PlanarPhantoms.FUNDUS)) {
            throw new IllegalArgumentException("--both-eyes and --grade are for --kind fundus, not " + kind);
        }
        for (int n = 0; n < cases; n++) {
            Path folder = cases == 1 ? outDir : outDir.resolve(String.format(Locale.ROOT, "case-%03d", n + 1));
            PlanarPhantomResult result = switch (kind) {
                case PlanarPhantoms.MAMMOGRAM -> PlanarPhantoms.writeMammogram(folder, mammogram(seed + n, columnsRows));
                case PlanarPhantoms.FUNDUS -> PlanarPhantoms.writeFundus(folder, fundus(seed + n, columnsRows));
                case PlanarPhantoms.CHEST_XRAY -> PlanarPhantoms.writeChestRadiograph(folder, chest(seed + n, columnsRows));
                default -> throw new IllegalArgumentException("--kind is chest-ct, mammogram, fundus or chest-xray, not \"" + kind + "\"");
            };
            report(out, result);
        }
        out.flush();
    }

    private MammogramSpec mammogram(long seed, int[] size) {
        MammogramSpec spec = MammogramSpec.defaults().withSeed(seed).withFourViews(fourViews);
        if (size != null) {
            spec = spec.withSize(size[0], size[1]);
        }
        if (masses != null || clusters != null) {
            spec = spec.withLesions(masses == null ? spec.masses() : masses, clusters == null ? spec.calcificationClusters() : clusters);
        }
        return spec;
    }

    private FundusSpec fundus(long seed, int[] size) {
        FundusSpec spec = FundusSpec.defaults().withSeed(seed).withBothEyes(bothEyes);
        if (size != null) {
            spec = spec.withSize(size[0], size[1]);
        }
        return grade == null ? spec : spec.withGrade(grade);
    }

    private static ChestRadiographSpec chest(long seed, int[] size) {
        ChestRadiographSpec spec = ChestRadiographSpec.defaults().withSeed(seed);
        return size == null ? spec : spec.withSize(size[0], size[1]);
    }

    private static void report(PrintWriter out, PlanarPhantomResult result) {
        PlanarTruth truth = result.groundTruth();
        out.printf(Locale.ROOT, "wrote %d DICOM file(s) to %s (series %s)%n", result.dicomFiles().size(), result.directory(),
                truth.seriesInstanceUid());
        for (PlanarTruth.ImageTruth image : truth.images()) {
            long count = truth.lesions().stream().filter(l -> l.file().equals(image.file())).count();
            out.printf(Locale.ROOT, "  %s: %dx%d, %s%s, %d lesion(s)%s%n", image.file(), image.columns(), image.rows(),
                    image.laterality(), image.view() == null ? "" : " " + image.view(), count,
                    image.grade() == null ? "" : ", grade " + image.grade() + " (" + FundusGrade.NAMES.get(image.grade()) + ")");
        }
        for (PlanarTruth.LesionTruth lesion : truth.lesions()) {
            out.printf(Locale.ROOT, "  %s %d in %s: centre (%.1f, %.1f) px, radius %.1f px%n", lesion.kind(), lesion.id(),
                    lesion.file(), lesion.centerPx()[0], lesion.centerPx()[1], lesion.radiusPx());
        }
        out.printf("ground truth: %s%n", result.groundTruthFile());
    }

    private static int[] parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--size of a 2D phantom looks like 3064x4664 (columns x rows), was \"" + text + "\"");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
