// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class ImageInferenceEngine {

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
        context.message("Loading " + card.name() + " " + card.version());
        long l0 = System.nanoTime();
        try (InferenceSession session = open(pkg, request)) {
            long load = System.nanoTime() - l0;
            if (session.device().isFallback()) {
                context.message(session.device().summary());
            }
            List<ImageResult> results = new ArrayList<>();
            for (int i = 0; i < accepted.size(); i++) {
                context.checkCancelled();
                results.add(runOne(accepted.get(i), assessments.get(i), pkg, session, request, new ShareOfProgress(context, i, accepted.size())));
            }
            return StudyCombiner.combine(card, results, skipped, load);
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
