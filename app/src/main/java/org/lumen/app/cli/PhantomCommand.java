// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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

/** {@code lumen phantom OUT_DIR}: a synthetic chest CT with nodules of known centre and size, and its ground truth. */
@Command(name = "phantom", description = "Write a synthetic chest CT study with known nodules, ground-truth.json and a label volume.")
final class PhantomCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "OUT_DIR", description = "Folder to write into (created if missing).")
    private Path outDir;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed writes the same study (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--size", paramLabel = "CxRxS", description = "Columns x rows x slices (default: 512x512x300; 128x128x40 with --multiframe).")
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

    @Option(names = "--multiframe", description = "Write one Enhanced CT multi-frame object instead of one file per slice.")
    private boolean multiFrame;

    @Option(names = "--tilted-irregular", description = "Write instead a CT tilted 18.5° with 4 mm gaps for 14 slices then 7 mm,"
            + " holding one 16 mm marker at a known point (a GE-like irregular stack; the other options do not apply).")
    private boolean tiltedIrregular;

    @Override
    public Integer call() throws Exception {
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
                .seed(seed)
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
        ChestCtSpec spec = builder.build();
        PhantomResult result = multiFrame ? Phantoms.writeMultiFrame(outDir, spec) : Phantoms.writeChestCt(outDir, spec);
        var out = lumen.out();
        out.printf(Locale.ROOT, "wrote %d DICOM file(s) to %s (series %s)%n", result.dicomFiles().size(), result.directory(),
                result.seriesInstanceUid());
        for (Nodule n : result.nodules()) {
            out.printf(Locale.ROOT, "  nodule %d: centre (%.1f, %.1f, %.1f) mm, diameter %.1f mm, %d HU%n", n.id(),
                    n.center().x(), n.center().y(), n.center().z(), n.diameterMm(), n.hu());
        }
        out.printf("ground truth: %s%nlabels: %s%n", result.groundTruthFile(), result.labelVolumeFile());
        out.flush();
        return 0;
    }
}
