// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.grid.VolumeFacts;
import org.lumen.aiassist.grid.VolumeSeriesInput;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.annotation.catalog.AuditAction;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.OperatingPoint;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.volume.SeriesLoader;

/**
 * One validation from start to end, the same for {@code lumen validate} and the window's Validation view: run the
 * model over the dataset's cases (through the engine's cache), score them, and record the validation in the audit
 * trail; and, when the site asks, store its operating point as the model's.
 */
public final class ValidationRun {

    /** What to validate: a model package, a dataset by name, the false-positive rate of the operating point, the bootstrap. */
    public record Request(ModelPackage model, String dataset, double fpRate, Bootstrap bootstrap, DeviceRequest device) {
        public Request {
            if (!(fpRate > 0) || Double.isInfinite(fpRate)) {
                throw new IllegalArgumentException("the operating point is a positive number of false positives per scan, not " + fpRate);
            }
        }
    }

    private ValidationRun() { }

    /**
     * The validation as a background task (progress per case, cancel between and within cases); the result is
     * recorded in the catalog's audit trail before it is returned.
     */
    public static BackgroundTask<ValidationResult> task(Catalog catalog, Indexer indexer, SeriesLoader loader, InferenceEngine engine,
                                                        Request request) {
        ModelPackage pkg = request.model();
        return BackgroundTask.of("Validating " + pkg.card().id() + " on " + request.dataset(), context -> {
            DatasetRecord record = catalog.datasets().byName(request.dataset()).orElseThrow(() -> new IllegalArgumentException(
                    "there is no dataset '" + request.dataset() + "' in the catalog; `lumen phantom DIR --cases N --dataset "
                            + request.dataset() + "` makes one to try"));
            DetectionValidation validation = new DetectionValidation(catalog, indexer, loader, (volume, c) -> {
                VolumeSeriesInput input = new VolumeSeriesInput(volume);
                return engine.run(input, pkg, InferenceRequest.defaults().withDevice(request.device()).withCache(true)
                        .withFacts(VolumeFacts.of(volume, input)), c);
            });
            DetectionValidation.Cases cases = validation.run(record, context);
            if (cases.scored().isEmpty()) {
                throw new IllegalArgumentException("no case of dataset " + request.dataset() + " could be scored"
                        + (cases.leftOut().isEmpty() ? " (it has no members)" : ": " + String.join("; ", cases.leftOut())));
            }
            context.message("Scoring " + cases.scored().size() + " case(s)");
            ValidationResult result = ValidationResult.of(pkg.card(), pkg.card().version(), pkg.sha256(), request.dataset(), cases,
                    request.fpRate(), request.bootstrap(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("modelId", pkg.card().id());
            detail.put("modelVersion", pkg.card().version());
            detail.put("modelSha256", pkg.sha256());
            detail.put("dataset", request.dataset());
            detail.put("cases", result.cases().size());
            detail.put("cpm", result.froc().cpm().value());
            catalog.audit().append(AuditAction.VALIDATION, null, null, detail);
            return result;
        });
    }

    /**
     * Stores the validation's operating point (the threshold for its false-positive rate) as the site's for the model,
     * with a setting-changed audit entry; refused when no threshold keeps the false positives that low.
     */
    public static OperatingPoint choose(Catalog catalog, ValidationResult result) {
        double threshold = result.operatingPoint().threshold();
        if (Double.isInfinite(threshold) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("no threshold keeps the false positives at or below " + result.operatingRate()
                    + " per scan on " + result.dataset() + ", so there is no operating point to choose; try a higher false-positive rate");
        }
        return catalog.operatingPoints().choose(new OperatingPoint.Choice(result.modelId(), result.modelVersion(), result.modelSha256(),
                threshold, result.operatingRate(), result.operatingPoint().sensitivity().value(), result.dataset()));
    }
}
