// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.lumen.aiassist.explain.OcclusionSensitivity;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.FindingExtractor;
import org.lumen.aiassist.findings.NonMaximumSuppression;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.aiassist.model.IntendedUseCheck;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.InferencePipeline;
import org.lumen.aiassist.pipeline.PipelineOutput;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.ModelLoadException;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskContext;

/**
 * Runs a model on a series as one background task, MONAI Label style: answer from the result
 * cache when this series and this exact model (id, version, sha256) were run before; otherwise load
 * the model on the requested device (saying which one and why), run the pipeline, turn its output
 * into ranked findings (and occlusion maps for classification models), time every stage, and keep
 * the result for next time. Before all that, when the request carries the series' facts, the
 * model's intended use is checked: a series outside it is refused with the reasons, unless the
 * reader insisted, and then the result carries the assessment. Submit its tasks to the single inference lane.
 */
public final class InferenceEngine {

    /** Part of every cache key: bump it when the pipeline's output for the same input changes. */
    public static final String PIPELINE_VERSION = "2";

    private final ResultStore store;
    private final ExecutorService cpu;

    /**
     * @param store where results are cached, or null for none
     * @param cpu   the pool for per-slice pre- and postprocessing (the decode pool), or null
     */
    public InferenceEngine(ResultStore store, ExecutorService cpu) {
        this.store = store;
        this.cpu = cpu;
    }

    /** The task to submit (to the inference lane, or a synchronous runner in tests and the CLI). */
    public BackgroundTask<InferenceResult> task(SeriesInput input, ModelPackage pkg, InferenceRequest request) {
        String name = "AI: " + pkg.card().name() + " on series " + input.seriesUid();
        return BackgroundTask.of(name, context -> run(input, pkg, request, context));
    }

    public InferenceResult run(SeriesInput input, ModelPackage pkg, InferenceRequest request, TaskContext context) throws Exception {
        if (pkg.card().isImageModel()) {
            throw new IllegalArgumentException(pkg.card().name() + " (" + pkg.id() + ") is a 2D image model: it runs on single images "
                    + "through image2d.ImageInferenceEngine, not on series");
        }
        IntendedUseAssessment intendedUse = request.facts() == null ? null
                : IntendedUseCheck.check(pkg.card().intendedUseCriteria(), request.facts());
        if (intendedUse != null && intendedUse.outside() && !request.runOutsideIntendedUse()) {
            throw new OutsideIntendedUseException(pkg.card(), input.seriesUid(), intendedUse);
        }
        return runChecked(input, pkg, request, context).withIntendedUse(intendedUse);
    }

    private InferenceResult runChecked(SeriesInput input, ModelPackage pkg, InferenceRequest request, TaskContext context) throws Exception {
        String key = key(input, pkg, request);
        if (request.device().kind() == DeviceRequest.Kind.CUDA) {
            // A saved result must not hide that the GPU asked for is not there.
            InferenceSession.requireCuda(request.device().cudaDevice());
        }
        if (store != null && request.useCache()) {
            long r0 = System.nanoTime();
            Optional<InferenceResult> cached = store.load(key);
            if (cached.isPresent()) {
                context.message("Showing the saved result of " + pkg.card().name() + " (" + pkg.version() + ")");
                return cached.get().asCached(StageTimings.read(System.nanoTime() - r0));
            }
        }
        ModelCard card = pkg.card();
        context.message("Loading " + card.name() + " " + card.version());
        long l0 = System.nanoTime();
        try (InferenceSession session = open(pkg, request)) {
            long load = System.nanoTime() - l0;
            if (session.device().isFallback()) {
                context.message(session.device().summary());
            }
            PipelineOutput out = new InferencePipeline(cpu).run(input, pkg, session, context);
            long p0 = System.nanoTime();
            Provenance provenance = new Provenance(card.id(), card.name(), card.version(), card.sha256(), input.seriesUid(),
                    session.device().id(), Instant.now());
            List<Heatmap> heatmaps = new ArrayList<>(out.heatmaps());
            List<Finding> findings = new ArrayList<>();
            if (card.output().kind() == OutputKind.DETECTION) {
                List<Finding> boxes = DetectionFindings.findings(out.detections(), card, provenance);
                findings.addAll(NonMaximumSuppression.apply(boxes, request.findings().nmsOverlap(), Integer.MAX_VALUE));
                heatmaps.addAll(DetectionFindings.heatmaps(findings, out.detections(), card, input.grid()));
            } else {
                FindingExtractor extractor = new FindingExtractor(request.findings());
                for (Heatmap h : out.heatmaps()) {
                    context.checkCancelled();
                    findings.addAll(NonMaximumSuppression.apply(extractor.extract(h.volume(), h.threshold(), h.classIndex(),
                            h.label(), provenance), request.findings().nmsOverlap(), request.findings().maxFindings()));
                }
            }
            if (card.output().kind() == OutputKind.CLASSIFICATION && request.explain()) {
                context.message("Explaining " + card.name() + " by occlusion");
                int slice = out.classScores().stream().max(Comparator.comparingDouble(ClassScore::score))
                        .map(ClassScore::slice).orElse(0);
                heatmaps.addAll(new OcclusionSensitivity(OcclusionSensitivity.Options.DEFAULT)
                        .explain(input, pkg, session, Math.max(0, slice), cpu, context));
            }
            findings = rank(findings);
            long post = System.nanoTime() - p0;
            StageTimings timings = out.timings().withLoad(load).plusPostprocess(post);
            InferenceResult result = new InferenceResult(provenance, session.device(), heatmaps, findings, out.classScores(),
                    timings, out.tiles(), out.batches(), out.modelGrid().toString(), false, null);
            if (store != null) {
                long w0 = System.nanoTime();
                store.store(key, result);
                result = result.withTimings(timings.withWrite(System.nanoTime() - w0));
            }
            return result;
        }
    }

    private static InferenceSession open(ModelPackage pkg, InferenceRequest request) throws Exception {
        try {
            return InferenceSession.open(pkg.onnxFile(), request.device(), pkg.card().name() + " " + pkg.card().version());
        } catch (ModelLoadException e) {
            throw ModelPackageReader.refusal(pkg.source(), e);
        }
    }

    /** All classes' findings, best first, ranked from 1. */
    private static List<Finding> rank(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingDouble(Finding::score).reversed());
        List<Finding> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return ranked;
    }

    /**
     * The cache key: the series (UID and grid), the exact model (id, version, sha256), what was
     * asked that changes the output, and the pipeline version.
     */
    public static String key(SeriesInput input, ModelPackage pkg, InferenceRequest request) {
        Grid g = input.grid();
        String text = String.join("|", "lumen-inference", PIPELINE_VERSION, input.seriesUid(),
                g.nx() + "x" + g.ny() + "x" + g.nz(), fmt(g.origin().toArray()), fmt(g.iStep().toArray()),
                fmt(g.jStep().toArray()), fmt(g.kStep().toArray()), pkg.id(), pkg.version(), pkg.sha256(),
                "explain=" + request.explain(), request.findings().toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String fmt(double[] v) {
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f", v[0], v[1], v[2]);
    }
}
