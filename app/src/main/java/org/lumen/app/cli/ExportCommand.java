// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.export.ExportFormat;
import org.lumen.app.export.DatasetExports;
import org.lumen.annotation.export.ExportRequest;
import org.lumen.annotation.export.ExportSummary;
import org.lumen.annotation.export.LeftOut;
import org.lumen.annotation.export.Split;
import org.lumen.annotation.export.SplitFractions;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lumen export DATASET --format nnunet|monai --out DIR}: a catalog dataset's labelled cases as
 * NIfTI images and label volumes in a trainer's layout, named by pseudonym, split per patient, with a
 * manifest (docs/export.md). Progress goes to stderr; the folder appears only when the export is whole.
 */
@Command(name = "export", description = "Export a labelled dataset from the catalog for a trainer (nnU-Net v2, MONAI, COCO), de-identified.",
        footerHeading = "%nWhat is written:%n",
        footer = {"Each case is its series as a NIfTI volume (modality values: HU for CT) and its latest label mask,",
                "classes numbered 1, 2, ... after background 0, on the affine of the DICOM geometry. Cases are",
                "named by the patient's pseudonym (from the de-identification key in the Lumen data folder, as for",
                "`lumen deid`); no name, ID, date or UID goes out. The split keeps each patient in one of train,",
                "validation and test, and the same --seed gives the same split. manifest.csv and manifest.json",
                "describe every case. The export is built beside DIR and renamed to DIR when complete.",
                "COCO takes the saved boxes and points instead: each slice they touch as a PNG in --window,",
                "annotations/instances_train.json (validation, test) with the info block.",
                "ImageJ writes, per split folder, each case as a calibrated TIFF hyperstack (image and label channels, HU",
                "under Fiji's cursor) and its boxes and points as an ROI set, for Fiji, ImageJ and QuPath."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "The dataset's name in the catalog.")
    private String dataset;

    @Option(names = "--format", required = true, paramLabel = "nnunet|monai|coco|imagej|dicom", description = "The trainer layout.")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A folder that does not exist yet.")
    private Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The split's seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--split", defaultValue = "0.7,0.15,0.15", paramLabel = "TRAIN,VAL,TEST",
            description = "Shares of cases for training, validation and test (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--dataset-id", defaultValue = "501", paramLabel = "N",
            description = "nnU-Net's dataset number, 1-999, in the folder name DatasetNNN_Name (default: ${DEFAULT-VALUE}).")
    private int datasetId;

    @Option(names = "--window", paramLabel = "PRESET|CENTER,WIDTH",
            description = "COCO: the PNGs' window; ImageJ: the window the stack opens in. A preset of the modality (lung, mediastinum, ...)"
                    + " or CENTER,WIDTH (default: CT lung).")
    private String window;

    @Option(names = "--json", description = "Print what was written as JSON (camelCase keys).")
    private boolean json;

    @Mixin
    private CatalogFileOption catalogFile;

    @Override
    public Integer call() throws Exception {
        ExportFormat chosen = ExportFormat.parse(format);
        SplitFractions fractions = SplitFractions.parse(split);
        if (window != null && chosen != ExportFormat.COCO && chosen != ExportFormat.IMAGEJ) {
            throw new IllegalArgumentException("--window applies to --format coco and imagej only: NIfTI keeps the modality values");
        }
        ExportRequest request = new ExportRequest(dataset, chosen, out, seed, fractions, datasetId, window);
        PrintWriter err = spec.commandLine().getErr();
        ExportSummary summary;
        Catalog catalog = catalogFile.existing(lumen);
        TaskListener progress = new TaskListener() {
            @Override
            public void message(String taskName, String message) {
                err.println("lumen: " + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
                err.flush();
            }
        };
        summary = new SyncTaskRunner(progress).submit(DatasetExports.task(lumen.services(), catalog, request)).join();
        PrintWriter o = lumen.out();
        if (json) {
            o.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(summary)));
        } else {
            o.printf(Locale.ROOT, "exported %d case(s) of dataset %s to %s (%s): %d train, %d validation, %d test%n",
                    summary.cases().size(), dataset, summary.folder(), switch (chosen) {
                        case NNUNET -> "nnU-Net v2";
                        case MONAI -> "MONAI / MSD";
                        case COCO -> "COCO";
                        case IMAGEJ -> "ImageJ / Fiji";
                        case DICOM -> "de-identified DICOM with SEG and SR";
                    },
                    summary.count(Split.TRAIN), summary.count(Split.VALIDATION), summary.count(Split.TEST));
            o.printf("%s: %s%n", chosen == ExportFormat.COCO ? "categories" : "labels", summary.labels());
            for (LeftOut l : summary.leftOut()) {
                o.printf("left out case %d (series %s): %s%n", l.position() + 1, l.seriesUid(), l.why());
            }
            o.printf(Locale.ROOT, "took %.1f s (%.1f s reading the series, %.1f s %s)%n", summary.totalSeconds(),
                    summary.loadSeconds(), summary.writeSeconds(), chosen == ExportFormat.COCO ? "writing PNGs" : "compressing and writing");
        }
        o.flush();
        return 0;
    }

    private static ObjectNode json(ExportSummary summary) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("out", summary.out().toString());
        root.put("folder", summary.folder().toString());
        root.put("format", summary.format().word());
        root.put("cases", summary.cases().size());
        root.put("train", summary.count(Split.TRAIN));
        root.put("validation", summary.count(Split.VALIDATION));
        root.put("test", summary.count(Split.TEST));
        ObjectNode labels = root.putObject("labels");
        summary.labels().forEach(labels::put);
        ArrayNode left = root.putArray("leftOut");
        summary.leftOut().forEach(l -> left.addObject().put("position", l.position() + 1).put("seriesUid", l.seriesUid()).put("why", l.why()));
        root.put("seconds", summary.totalSeconds());
        root.put("readSeconds", summary.loadSeconds());
        root.put("writeSeconds", summary.writeSeconds());
        return root;
    }
}
