// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.app.study.PhantomDatasets;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.SliceOrientation;
import org.lumen.testdata.TiltedStackSpec;
import org.lumen.viewer.geometry.Vec3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen phantom OUT_DIR}: a synthetic chest CT with nodules of known centre and size, and its ground truth;
 * with {@code --cases N}, N patients; with {@code --dataset NAME}, also indexed into the catalog and registered as a
 * labelled dataset (the nodules as class "nodule"), ready for {@code lumen export}. With {@code --kind mammogram|fundus|
 * chest-xray}, a 2D phantom instead (see {@link PlanarPhantomOptions}).
 */
@Command(name = "phantom", description = "Write a synthetic study with known lesions and ground-truth.json: a chest CT (the default,"
        + " with a label volume), or with --kind a mammogram, a colour fundus photograph or a chest radiograph.")
final class PhantomCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "OUT_DIR", description = "Folder to write into (created if missing).")
    private Path outDir;

    @Option(names = "--kind", defaultValue = "chest-ct", paramLabel = "KIND",
            description = "chest-ct, mammogram, fundus or chest-xray (default: ${DEFAULT-VALUE}).")
    private String kind;

    @picocli.CommandLine.Mixin
    private PlanarPhantomOptions planar;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed writes the same study (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--size", paramLabel = "CxRxS", description = "Columns x rows x slices (default: 512x512x300; 128x128x40 with --multiframe); for a 2D --kind, columns x rows"
            + " (default: mammogram 3064x4664, fundus 2048x1536, chest-xray 2048x2048).")
    private String size;

    @Option(names = "--nodules", paramLabel = "K", description = "Number of lung nodules (default: 5; 3 with --multiframe).")
    private Integer nodules;

    @Option(names = "--pixel-spacing", paramLabel = "MM", description = "In-plane spacing in mm (default: a 360 mm field of view).")
    private Double pixelSpacing;

    @Option(names = "--slice-spacing", paramLabel = "MM", description = "Slice spacing and thickness in mm (default: 1; 5 with --multiframe).")
    private Double sliceSpacing;

    @Option(names = "--orientation", defaultValue = "axial", paramLabel = "NAME|rx,ry,rz,cx,cy,cz",
            description = "axial, coronal, sagittal, or the two direction cosines of an oblique plane (default: ${DEFAULT-VALUE}).")
    private String orientation;

    @Option(names = "--vessels", description = "Grow a branching pulmonary vessel tree in each lung (vessels seen end-on look like nodules).")
    private boolean vessels;

    @Option(names = "--nodule-types", description = "Nodules of each kind in turn: solid, part-solid, ground-glass, juxtapleural,"
            + " juxtavascular (with --vessels; else solid); the ground truth names each one's type.")
    private boolean noduleTypes;

    @Option(names = "--airways", description = "Grow the airway tree: trachea, main bronchi and branching bronchi, air in a soft-tissue wall.")
    private boolean airways;

    @Option(names = "--textured-bone", description = "Bone with a 1000 HU cortex around trabecular bone of varying density"
            + " (about 100–400 HU) instead of a uniform 700 HU.")
    private boolean texturedBone;

    @Option(names = "--partial-volume", description = "Each voxel the mean of 27 points through it, so edges blur as a scanner's"
            + " finite voxels blur them (labels stay the centre's; about 27 times slower to render).")
    private boolean partialVolume;

    @Option(names = "--noise", paramLabel = "HU", description = "Gaussian noise of this standard deviation (default: none).")
    private Double noise;

    @Option(names = "--noise-correlation", paramLabel = "MM",
            description = "Correlate the noise in-plane over this many mm, like a reconstruction kernel (default: white noise).")
    private Double noiseCorrelation;

    @Option(names = "--multiframe", description = "Write one Enhanced CT multi-frame object instead of one file per slice.")
    private boolean multiFrame;

    @Option(names = "--tilted-irregular", description = "Write instead a CT tilted 18.5° with 4 mm gaps for 14 slices then 7 mm,"
            + " holding one 16 mm marker at a known point (a GE-like irregular stack; the other options do not apply).")
    private boolean tiltedIrregular;

    @Option(names = "--cases", defaultValue = "1", paramLabel = "N",
            description = "Write N patients (seeds SEED, SEED+1, ...) into OUT_DIR/case-001 ... (default: ${DEFAULT-VALUE}).")
    private int cases;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Also index the phantoms into the catalog and add them, with their"
            + " ground-truth nodules as class \"nodule\", to the dataset NAME (made if new): try `lumen export NAME` next.")
    private String dataset;

    @picocli.CommandLine.Mixin
    private CatalogFileOption catalogFile;

    @Override
    public Integer call() throws Exception {
        if (cases < 1 || cases > 999) {
            throw new IllegalArgumentException("--cases is 1 to 999, not " + cases);
        }
        if (!kind.equals("chest-ct")) {
            if (multiFrame || tiltedIrregular || dataset != null || vessels || nodules != null || pixelSpacing != null
                    || sliceSpacing != null || noise != null || noiseCorrelation != null || !orientation.equals("axial")) {
                throw new IllegalArgumentException("--kind " + kind + " writes a 2D phantom: the chest CT's options (--multiframe,"
                        + " --tilted-irregular, --dataset, --vessels, --nodules, --pixel-spacing, --slice-spacing, --noise,"
                        + " --noise-correlation, --orientation) do not apply");
            }
            planar.write(lumen.out(), kind, outDir, seed, cases, size);
            return 0;
        }
        planar.refuseFor3d();
        if (tiltedIrregular && (cases > 1 || dataset != null)) {
            throw new IllegalArgumentException("--tilted-irregular writes one marker series without labels: --cases and --dataset do not apply");
        }
        if (tiltedIrregular) {
            TiltedStackSpec spec = TiltedStackSpec.fourThenSevenMm();
            var files = Phantoms.writeTiltedIrregularCt(outDir, spec);
            Vec3 m = spec.markerCentre();
            lumen.out().printf(Locale.ROOT, "wrote %d DICOM file(s) to %s%n  marker: centre (%.1f, %.1f, %.1f) mm, diameter %.1f mm, %d HU%n",
                    files.size(), outDir, m.x(), m.y(), m.z(), spec.markerDiameterMm(), spec.markerHu());
            lumen.out().flush();
            return 0;
        }
        // Only what the user gave overrides the generator's defaults (which differ for multi-frame).
        ChestCtSpec.Builder builder = (multiFrame ? ChestCtSpec.multiFrameBuilder() : ChestCtSpec.builder())
                .orientation(SliceOrientation.parse(orientation));
        if (size != null) {
            builder.size(Size.parse(size));
        }
        if (nodules != null) {
            builder.noduleCount(nodules);
        }
        if (sliceSpacing != null) {
            builder.sliceSpacingMm(sliceSpacing).sliceThicknessMm(sliceSpacing);
        }
        if (pixelSpacing != null) {
            builder.pixelSpacingMm(pixelSpacing);
        }
        builder.vessels(vessels);
        builder.noduleTypes(noduleTypes);
        builder.partialVolume(partialVolume);
        builder.texturedBone(texturedBone);
        builder.airways(airways);
        if (noise != null) {
            builder.noiseSigmaHu(noise);
        }
        if (noiseCorrelation != null) {
            builder.noiseCorrelationMm(noiseCorrelation);
        }
        List<PhantomResult> results = new ArrayList<>();
        var out = lumen.out();
        for (int n = 0; n < cases; n++) {
            ChestCtSpec spec = builder.seed(seed + n).build();
            Path folder = cases == 1 ? outDir : outDir.resolve(String.format(Locale.ROOT, "case-%03d", n + 1));
            PhantomResult result = multiFrame ? Phantoms.writeMultiFrame(folder, spec) : Phantoms.writeChestCt(folder, spec);
            results.add(result);
            out.printf(Locale.ROOT, "wrote %d DICOM file(s) to %s (series %s)%n", result.dicomFiles().size(), result.directory(),
                    result.seriesInstanceUid());
            for (Nodule nodule : result.nodules()) {
                out.printf(Locale.ROOT, "  nodule %d: centre (%.1f, %.1f, %.1f) mm, diameter %.1f mm, %d HU%n", nodule.id(),
                        nodule.center().x(), nodule.center().y(), nodule.center().z(), nodule.diameterMm(), nodule.hu());
            }
            out.printf("ground truth: %s%nlabels: %s%n", result.groundTruthFile(), result.labelVolumeFile());
            out.flush();
        }
        if (dataset != null) {
            Path file = catalogFile.resolve(lumen);
            Catalog catalog = catalogFile.catalog(lumen);
            DatasetRecord record = PhantomDatasets.register(catalog, dataset, lumen.index(outDir), outDir.toAbsolutePath().toString(),
                    results);
            out.printf("added %d labelled case(s) to dataset %s in %s (class %s); try: lumen export %s --format nnunet --out DIR%n",
                    results.size(), record.name(), file, PhantomDatasets.NODULE, quoted(record.name()));
        }
        out.flush();
        return 0;
    }

    private static String quoted(String name) {
        return name.matches("[A-Za-z0-9._-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }
}
