// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.OperatingPoint;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.validation.ValidationHtml;
import org.lumen.app.validation.ValidationJson;
import org.lumen.app.validation.ValidationResult;
import org.lumen.app.validation.ValidationRun;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.indexing.Indexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen validate --model M --dataset D [--out DIR] [--json]}: runs a detection model over every labelled
 * case of a catalog dataset and scores it against the labels (FROC, CPM, sensitivity by size and subgroup, the
 * card's claims); writes {@code figures.json} and {@code report.html} into {@code --out}; records the validation
 * in the audit trail.
 */
@Command(name = "validate", description = "Validate a detection model on a labelled dataset of the catalog: FROC, CPM, subgroups, the card's claims.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Option(names = "--model", required = true, paramLabel = "ID|DIR", description = "An installed model's id (`demo` for the bundled one) or a package.")
    private String model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The catalog dataset whose labelled cases are the truth.")
    private String dataset;

    @Option(names = "--out", paramLabel = "DIR", description = "Write figures.json and report.html here (created if missing), and nnU-Net's"
            + " summary.json where the truth is a mask.")
    private Path out;

    @Option(names = "--fp-rate", paramLabel = "N", defaultValue = "1",
            description = "The operating point: false positives per scan the site accepts (default: ${DEFAULT-VALUE}).")
    private double fpRate;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000", description = "Bootstrap draws for the 95 % intervals (default: ${DEFAULT-VALUE}).")
    private int bootstrap;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda:N", defaultValue = "auto", description = "Where to run the model (default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--choose", description = "Make this validation's operating point (the threshold for --fp-rate) the site's for this model:"
            + " the AI tab then starts from it instead of the card's default.")
    private boolean choose;

    @Option(names = "--json", description = "Print every figure as JSON (camelCase keys) instead of the summary.")
    private boolean json;

    @Option(names = "--catalog", paramLabel = "FILE", description = "The catalog (default: the one in the user data folder).")
    private Path catalogFile;

    @Override
    public Integer call() throws Exception {
        if (!(fpRate > 0) || Double.isInfinite(fpRate)) {
            throw new IllegalArgumentException("--fp-rate is a positive number of false positives per scan, not " + fpRate);
        }
        DeviceRequest request = DeviceRequest.parse(device);
        UserDataFolder data = lumen.dataFolder();
        ModelPackage pkg = lumen.services().models().resolve(model);
        Path file = catalogFile != null ? catalogFile.toAbsolutePath() : data.catalog();
        if (out != null) {
            Files.createDirectories(out);
            AtomicFiles.checkWritable(out.resolve("figures.json"));
        }
        ValidationResult result;
        OperatingPoint chosen = null;
        Catalog catalog = lumen.services().existingCatalog(file);
        result = lumen.runTask(ValidationRun.task(catalog, new Indexer(lumen.pools().io(), lumen.pools().decodeThreads()), lumen.loader(),
                lumen.services().inference(), new ValidationRun.Request(pkg, dataset, fpRate, new Bootstrap(bootstrap, Bootstrap.DEFAULT.seed()),
                        request)));
        if (choose) {
            chosen = ValidationRun.choose(catalog, result);
        }
        ObjectNode figures = ValidationJson.of(result);
        if (out != null) {
            AtomicFiles.write(out.resolve("figures.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(figures));
            AtomicFiles.write(out.resolve("report.html"), ValidationHtml.of(result).getBytes(StandardCharsets.UTF_8));
            if (result.segmentation() != null) {
                AtomicFiles.write(out.resolve("summary.json"), ValidationJson.nnUnetSummaryJson(result));
            }
        }
        PrintWriter o = lumen.out();
        if (json) {
            o.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        } else {
            o.printf(Locale.ROOT, "%s %s on %s: %d case(s), %d lesion(s)%s%n", pkg.card().id(), pkg.card().version(), dataset,
                    result.cases().size(), result.froc().lesions(), result.leftOut().isEmpty() ? "" : ", " + result.leftOut().size() + " left out");
            o.printf(Locale.ROOT, "  CPM %s; at %s FP/scan (threshold %.3f): sensitivity %s, %s FP/scan%n", result.froc().cpm(),
                    fpRate, result.operatingPoint().threshold(), result.operatingPoint().sensitivity(),
                    result.operatingPoint().falsePositivesPerScan());
            if (result.segmentation() != null) {
                o.printf(Locale.ROOT, "  segmentation: mean Dice %.3f, HD95 %.1f mm, volume error %+.2f ml (per class, then over classes)%n",
                        result.segmentation().meanDice(), result.segmentation().hd95Mm(), result.segmentation().volumeErrorMl());
            }
            if (result.classification() != null) {
                var c = result.classification();
                o.printf(Locale.ROOT, "  classification (%s): AUC %s, at threshold %.3f sensitivity %s, specificity %s, ECE %.3f%n", c.label(),
                        c.roc().auc(), c.atThreshold().threshold(), c.atThreshold().sensitivity(), c.atThreshold().specificity(),
                        c.calibration().expectedCalibrationError());
            }
            result.claims().forEach(c -> o.printf(Locale.ROOT, "  card claims %s = %s: %s%n", c.metric(), c.claimed(), c.verdict()));
            if (chosen != null) {
                o.printf(Locale.ROOT, "  chosen as the site's operating point of %s: threshold %.3f%n", chosen.modelId(), chosen.threshold());
            }
            if (out != null) {
                o.println("wrote figures.json" + (result.segmentation() != null ? ", summary.json" : "") + " and report.html to " + out);
            }
        }
        o.flush();
        return 0;
    }
}
