// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.model.ImageContract;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.aiassist.model.IntendedUseCheck;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.ModelLoadException;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskContext;

/**
 * Runs a 2D image model on the images of a study as one background task: check each image against
 * the model's intended use and colour (a single image outside it is refused with the reasons, unless
 * the reader insisted; of several, those outside are skipped and listed), load the model once, run
 * the 2D pipeline per image, compute the card's grade from findings, explain a classifier's top class
 * when asked, and combine the images by the card's study rule. Submit its task to the inference lane.
 *
 * <p>With a result store, each image's result is kept under its key ({@link #key}: the image, its pixels, the exact
 * model and what was asked) and answers the next run of the same model on the same image, in the window and
 * {@code lumen infer} alike; the model is loaded only when some image has no saved result. The study's combined
 * result is combined afresh from the images' results (the same combination of the same results). Given a lane for
 * them, the writes into the store run there, after the run has each result (decision 0041): {@link #awaitStored}
 * waits for them (the process does before it exits).
 */
public final class ImageInferenceEngine {

    /** Part of every 2D cache key: bump it when the 2D pipeline's output for the same input changes. */
    public static final String PIPELINE_VERSION = "1";

    private final ImageResultStore store;
    private final ResultWrites writes;

    /** An engine that keeps no results (tests, benchmarks). */
    public ImageInferenceEngine() {
        this(null);
    }

    /**
     * An engine that writes each result into the store before the run goes on (tests).
     *
     * @param store where each image's result is kept and looked up, or null for none
     */
    public ImageInferenceEngine(ImageResultStore store) {
        this(store, Runnable::run);
    }

    /**
     * @param store  where each image's result is kept and looked up, or null for none
     * @param writes where the results are written into the store, one at a time, after the run has them (an I/O lane)
     */
    public ImageInferenceEngine(ImageResultStore store, java.util.concurrent.Executor writes) {
        this.store = store;
        this.writes = store == null ? null : new ResultWrites(store, writes);
    }

    public BackgroundTask<StudyResult> task(List<ImageInput> images, ModelPackage pkg, ImageRequest request) {
        String name = "AI: " + pkg.card().name() + " on " + images.size() + " image(s)";
        return BackgroundTask.of(name, context -> run(images, pkg, request, context));
    }

    /**
     * @throws OutsideIntendedUseException when every image falls outside the model's intended use (the
     *         first one's reasons; the reader did not insist)
     * @throws IllegalArgumentException when the model is not a 2D image model, or no image was given
     */
    public StudyResult run(List<ImageInput> images, ModelPackage pkg, ImageRequest request, TaskContext context) throws Exception {
        ModelCard card = pkg.card();
        ImageContract contract = ImagePipeline.requireImageCard(card);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no image to run " + card.name() + " on");
        }
        List<ImageInput> accepted = new ArrayList<>();
        List<IntendedUseAssessment> assessments = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        OutsideIntendedUseException firstRefusal = null;
        for (ImageInput input : images) {
            IntendedUseAssessment a = IntendedUseCheck.check(card.intendedUseCriteria(), input.facts(), contract);
            if (a.outside() && !request.runOutsideIntendedUse()) {
                OutsideIntendedUseException refusal = OutsideIntendedUseException.forImage(card, input.label(), a);
                firstRefusal = firstRefusal == null ? refusal : firstRefusal;
                skipped.add(refusal.getMessage());
                continue;
            }
            accepted.add(input);
            assessments.add(a);
        }
        if (accepted.isEmpty()) {
            throw firstRefusal;
        }
        ImageResult[] results = new ImageResult[accepted.size()];
        String[] keys = new String[accepted.size()];
        if (store != null) {
            if (request.device().kind() == DeviceRequest.Kind.CUDA) {
                // A saved result must not hide that the GPU asked for is not there.
                InferenceSession.requireCuda(request.device().cudaDevice());
            }
            for (int i = 0; i < accepted.size(); i++) {
                context.checkCancelled();
                ImageInput input = accepted.get(i);
                keys[i] = key(input, pkg, request);
                if (request.useCache()) {
                    long r0 = System.nanoTime();
                    Optional<ImageResult> cached = writes.pending(keys[i]);
                    if (cached.isEmpty()) {
                        cached = store.loadImage(keys[i], input.facts());
                    }
                    if (cached.isPresent()) {
                        results[i] = cached.get().asCached(input.facts(), assessments.get(i), StageTimings.read(System.nanoTime() - r0));
                        context.progress(i + 1L, accepted.size());
                    }
                }
            }
            if (Arrays.stream(results).allMatch(Objects::nonNull)) {
                context.message("Showing the saved result of " + card.name() + " (" + card.version() + ")");
                return StudyCombiner.combine(card, List.of(results), skipped, 0);
            }
        }
        context.message("Loading " + card.name() + " " + card.version());
        long l0 = System.nanoTime();
        try (InferenceSession session = open(pkg, request)) {
            long load = System.nanoTime() - l0;
            if (session.device().isFallback()) {
                context.message(session.device().summary());
            }
            for (int i = 0; i < accepted.size(); i++) {
                context.checkCancelled();
                if (results[i] != null) {
                    continue;
                }
                ImageResult result = runOne(accepted.get(i), assessments.get(i), pkg, session, request,
                        new ShareOfProgress(context, i, accepted.size()));
                if (store != null) {
                    writes.write(keys[i], result);
                }
                results[i] = result;
            }
            return StudyCombiner.combine(card, List.of(results), skipped, load);
        }
    }

    /**
     * Waits until every result computed so far is in the store (or its write failed), at most {@code timeout}.
     *
     * @return true when no write is left
     */
    public boolean awaitStored(java.time.Duration timeout) throws InterruptedException {
        return writes == null || writes.await(timeout);
    }

    /**
     * What the writes into the store came to so far: results written and failed, and the time they took (on the
     * lane, not the run's).
     */
    public WriteStats writeStats() {
        return writes == null ? new WriteStats(0, 0, 0) : writes.stats();
    }

    /**
     * @param written results now in the store
     * @param failed  results whose write failed (shown, not saved)
     * @param nanos   the time the writes took on their lane, failed ones included
     */
    public record WriteStats(int written, int failed, long nanos) { }

    /**
     * The cache key of one image's result: the image (SOP Instance UID, frame, size, channels and a fingerprint of its
     * values), the exact model (id, version, sha256), the explanation asked for, and the 2D pipeline's version. The
     * intended-use check is not part of it: it is made afresh on every run, before the store is asked.
     */
    public static String key(ImageInput input, ModelPackage pkg, ImageRequest request) {
        PlanarImage image = input.image();
        String text = String.join("|", "lumen-inference-2d", PIPELINE_VERSION, input.facts().imageUid(),
                Integer.toString(input.facts().frame()), image.columns() + "x" + image.rows() + "x" + image.channels(),
                PixelFingerprint.of(image), pkg.id(), pkg.version(), pkg.sha256(), "explain=" + request.explain().name());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One image through an open session: pipeline, grade, explanation. */
    public ImageResult runOne(ImageInput input, IntendedUseAssessment assessment, ModelPackage pkg, InferenceSession session,
                              ImageRequest request, TaskContext context) throws Exception {
        ModelCard card = pkg.card();
        ImageOutput out = new ImagePipeline().run(input, pkg, session, context);
        long p0 = System.nanoTime();
        Provenance provenance = new Provenance(card.id(), card.name(), card.version(), card.sha256(), input.facts().imageUid(),
                session.device().id(), Instant.now());
        String grade = null;
        if (card.image().grade() != null) {
            grade = card.image().grade().grade(counts(out.findings()));
        }
        Explanation explanation = null;
        if (card.output().kind() == OutputKind.CLASSIFICATION && request.explain() != ImageRequest.Explain.NONE) {
            int top = out.classScores().stream().filter(s -> !card.classes().get(s.classIndex()).isBackground())
                    .max(Comparator.comparingDouble(ClassScore::score)).map(ClassScore::classIndex).orElse(0);
            context.message("Explaining " + card.name() + " on " + input.label() + " by " + request.explain().name().toLowerCase(java.util.Locale.ROOT));
            explanation = request.explain() == ImageRequest.Explain.RISE
                    ? ImageExplainer.rise(input, pkg, session, top, ImageExplainer.RiseOptions.DEFAULT, context)
                    : ImageExplainer.occlusion(input, pkg, session, top, ImageExplainer.OcclusionOptions.DEFAULT, context);
        }
        long post = System.nanoTime() - p0;
        return new ImageResult(input.facts(), provenance, session.device().id(), out.classScores(), out.findings(), out.heatmaps(), grade,
                explanation, out.transform().describe(), out.tiles(), out.batches(), out.timings().plusPostprocess(post), assessment);
    }

    /** Image {@code index} of {@code count}: its own progress reported as its share of the whole run's. */
    private record ShareOfProgress(TaskContext outer, int index, int count) implements TaskContext {
        static final long SCALE = 1000;

        @Override
        public void progress(long done, long total) {
            long within = total <= 0 ? 0 : Math.min(SCALE, done * SCALE / total);
            outer.progress(index * SCALE + within, count * SCALE);
        }

        @Override
        public void message(String message) {
            outer.message(message);
        }

        @Override
        public boolean isCancelled() {
            return outer.isCancelled();
        }
    }

    /** Findings per class name. */
    static Map<String, Integer> counts(List<ImageFinding> findings) {
        Map<String, Integer> counts = new HashMap<>();
        for (ImageFinding f : findings) {
            counts.merge(f.label(), 1, Integer::sum);
        }
        return counts;
    }

    private static InferenceSession open(ModelPackage pkg, ImageRequest request) throws Exception {
        try {
            return InferenceSession.open(pkg.onnxFile(), request.device(), pkg.card().name() + " " + pkg.card().version());
        } catch (ModelLoadException e) {
            throw ModelPackageReader.refusal(pkg.source(), e);
        }
    }
}
