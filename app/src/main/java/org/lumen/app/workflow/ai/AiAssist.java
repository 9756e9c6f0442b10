// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.ai;

import org.lumen.app.workflow.labelling.Labelling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.FindingDecision;
import org.lumen.aiassist.grid.VolumeFacts;
import org.lumen.aiassist.grid.VolumeSeriesInput;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.aiassist.model.SeriesFacts;
import org.lumen.aiassist.model.RegistryEntry;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.findings.FindingBox;
import org.lumen.aiassist.image2d.StudyTable;
import org.lumen.aiassist.ui.FindingBoxLayer;
import org.lumen.aiassist.ui.FindingsPanel;
import org.lumen.aiassist.ui.HeatmapOverlays;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.FindingMasks;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.aiassist.image2d.ImageInput;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.app.ai.AiRunRecords;
import org.lumen.app.ai.ImageKey;
import org.lumen.app.ai.ImageResultView;
import org.lumen.app.ai.ImageRunRecords;
import org.lumen.app.services.LumenServices;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.volume.Volume;

/**
 * The AI loop of the window: run a model on the active series in the background, show its heatmaps
 * over every view and its findings in the panel, jump to a finding, record the run and every
 * accept / reject / uncertain in the catalog, and turn accepted findings into editable masks whose
 * revisions say which finding of which run they came from. A series outside the model's intended
 * use is refused with the reasons; when the reader confirms "Run anyway", every result is marked.
 */
public final class AiAssist {

    /** Asks the reader whether to run a model on a series outside its intended use; true runs it, marked. */
    public interface RunAnywayQuestion {
        boolean runAnyway(String modelName, List<String> reasons);
    }

    /** A run's outcome: its result, or the refusal with the facts to run on when the reader insists. */
    private record Outcome(ModelPackage pkg, InferenceResult result, SeriesFacts facts, OutsideIntendedUseException refusal,
                           Images images) {

        Outcome(ModelPackage pkg, InferenceResult result, SeriesFacts facts, OutsideIntendedUseException refusal) {
            this(pkg, result, facts, refusal, null);
        }
    }

    /** A 2D model's run over the series' images: its study result and where each image sits, for the catalog. */
    private record Images(String seriesUid, StudyResult study, Map<ImageKey, ImageRunRecords.ImagePlace> places,
                          Map<ImageKey, Integer> sliceOf, List<org.lumen.aiassist.model.ImageFacts> inputs, ImageRequest request) { }

    /** The process's model registry and inference engine (shared with the CLI), made on the first run or listing. */
    private final LumenServices services;
    private final java.util.concurrent.Executor inferenceLane;
    private final FxTaskRunner tasks;
    private final ViewportContext viewports;
    private final FindingsPanel panel;
    private final Labelling labelling;
    private final Consumer<String> report;
    private final Map<Integer, Long> findingIds = new HashMap<>();
    private InferenceResult result;
    /** The 2D study result behind {@link #result} when the model is a 2D image model, else null. */
    private Images images;
    private Volume resultVolume;
    private Long runId;
    /** Counts clears: a run started before the last one belongs to a study no longer on screen and is dropped. */
    private long generation;
    private Runnable onResultChanged = () -> { };
    private org.lumen.task.TaskHandle<?> running;
    private RunAnywayQuestion question = IntendedUseDialog::runAnyway;
    /** The result's finding boxes over the images, or null. */
    private FindingBoxLayer boxes;
    private final AiExplanation explanation;

    public AiAssist(LumenServices services, FxTaskRunner tasks, ViewportContext viewports, FindingsPanel panel, Labelling labelling,
             Consumer<String> report) {
        this.services = services;
        // Models run one at a time on the inference lane (ADR 0006), never on the I/O threads that load studies.
        this.inferenceLane = services.pools().inferenceFromUi();
        this.tasks = tasks;
        this.viewports = viewports;
        this.panel = panel;
        this.labelling = labelling;
        this.report = report;
        panel.setOnRun(this::run);
        panel.setOnJump(this::jump);
        panel.setOnDecision(this::decide);
        panel.setOnMakeMasks(this::makeMasks);
        panel.setOnMakeBoxes(this::makeBoxes);
        panel.setOnHeatmapToMask(this::heatmapToMask);
        explanation = new AiExplanation(inferenceLane, tasks, viewports, panel, report);
    }

    /** Lists the installed models (the bundled demo first) in the background. */
    public void loadModels() {
        // The AI tab also offers the bundled 2D demonstrations, which run on the series' images.
        tasks.submit(BackgroundTask.of("Listing AI models", c -> modelIds(services, true)), names -> panel.setModels(names, "demo"), report);
    }

    /** The models a reader can choose: the bundled demo first, then the installed ones (reads the registry: not on the FX thread). */
    public static List<String> modelIds(LumenServices services) throws java.io.IOException {
        return modelIds(services, false);
    }

    /** As {@link #modelIds(LumenServices)}, with the bundled 2D demonstrations when {@code withImageDemos}. */
    public static List<String> modelIds(LumenServices services, boolean withImageDemos) throws java.io.IOException {
        List<String> names = new ArrayList<>();
        names.add("demo");
        for (RegistryEntry e : services.models().installed()) {
            if (e.model() != null && (!e.bundled() || withImageDemos && e.model().card().isImageModel())) {
                names.add(e.model().id());
            }
        }
        return names;
    }

    public InferenceResult result() { return result; }

    /** The 2D study result on screen (its class or grade and each image's contribution), or null for a volume model's. */
    public StudyResult imageStudy() { return images == null ? null : images.study(); }

    /** The finding boxes drawn over the result's images, or null. */
    public FindingBoxLayer boxes() { return boxes; }

    /** The tab's explanations of 2D classifier results. */
    public AiExplanation explanation() { return explanation; }

    /** Replaces the "Run anyway" dialog (tests answer it directly). */
    public void setRunAnywayQuestion(RunAnywayQuestion q) { question = q; }

    /** Runs the chosen model on the active viewport's series. */
    public void run() {
        SliceViewport active = viewports.activeProperty().get();
        if (active == null) {
            report.accept("Open a series first: the model runs on the active viewport's series.");
            return;
        }
        Volume volume = active.state().volume();
        if (volume != resultVolume) {
            // The previous result belongs to another series (perhaps another patient): never list it beside this run.
            var h = volume.frame(0).instance();
            clear("Running on " + (h.series().description() == null ? h.series().modality() : h.series().description()) + " of " + org.lumen.app.study.StudyContext.StudyRef.of(h).describe() + "…");
        }
        long startedIn = generation;
        String modelName = panel.selectedModel() == null ? "demo" : panel.selectedModel();
        DeviceRequest device = DeviceRequest.parse(panel.selectedDevice() == null ? "auto" : panel.selectedDevice());
        InferenceRequest request = InferenceRequest.defaults().withDevice(device);
        running = tasks.submit(inferenceLane, BackgroundTask.of("Running " + modelName, context -> {
            ModelPackage pkg = services.models().resolve(modelName);
            if (pkg.card().isImageModel()) {
                return runImages(volume, pkg, ImageRequest.defaults().withDevice(device), context);
            }
            VolumeSeriesInput input = new VolumeSeriesInput(volume);
            context.message("Checking " + pkg.card().name() + " against its intended use");
            SeriesFacts facts = VolumeFacts.of(volume, input);
            try {
                return new Outcome(pkg, services.inference().run(input, pkg, request.withFacts(facts), context), facts, null);
            } catch (OutsideIntendedUseException e) {
                return new Outcome(pkg, null, facts, e);
            }
        }), out -> {
            if (startedIn != generation) {
                return; // the study was closed or replaced while the model ran
            }
            if (out.result() != null) {
                show(volume, out.pkg(), out.result(), out.images());
            } else {
                refused(volume, out, request);
            }
        }, failure(startedIn));
    }

    /**
     * What a run that failed (a model that cannot run, or returns NaN or infinity) says, unless its study is gone: the sentence in
     * the status bar and, in full, in the AI tab's banner, where the reader looks for the result.
     */
    private Consumer<String> failure(long startedIn) {
        return sentence -> {
            report.accept(sentence);
            if (startedIn == generation) {
                panel.showFailure(sentence);
            }
        };
    }

    /** Called after a result is shown or cleared (the window names its study). */
    public void setOnResultChanged(Runnable action) {
        onResultChanged = action;
    }

    /** The series of the result on screen, or null. */
    public String resultSeries() {
        return resultVolume == null ? null : resultVolume.plan().seriesUid();
    }

    /**
     * Takes the result off screen (heatmaps, findings, decisions) and drops any run still going:
     * its study was closed or replaced. What was recorded stays in the catalog.
     */
    public void clear(String note) {
        generation++;
        if (running != null) {
            running.cancel(); // its study is gone: no need to finish the run
            running = null;
        }
        if (resultVolume != null && result != null) {
            result.heatmaps().forEach(h -> viewports.overlays().remove(resultVolume.plan().seriesUid(), "AI: " + h.label()));
        }
        result = null;
        images = null;
        resultVolume = null;
        runId = null;
        findingIds.clear();
        dropBoxes();
        explanation.showing(null, null);
        panel.clear(note);
        onResultChanged.run();
    }

    /** Says why the model was not run, and runs it marked when the reader confirms "Run anyway". */
    private void refused(Volume volume, Outcome out, InferenceRequest request) {
        var reasons = out.refusal().assessment().reasons();
        String name = out.pkg().card().name();
        panel.showRefusal(name, reasons);
        if (!question.runAnyway(name, reasons)) {
            report.accept("Not run: " + out.refusal().getMessage());
            return;
        }
        long startedIn = generation;
        if (out.pkg().card().isImageModel()) {
            ImageRequest insisted = ImageRequest.defaults().withDevice(request.device()).withRunOutsideIntendedUse(true);
            running = tasks.submit(inferenceLane, BackgroundTask.of("Running " + name + " outside its intended use",
                    context -> runImages(volume, out.pkg(), insisted, context)), o -> {
                        if (startedIn == generation && o.result() != null) {
                            show(volume, o.pkg(), o.result(), o.images());
                        }
                    }, failure(startedIn));
            return;
        }
        InferenceRequest insisted = request.withFacts(out.facts()).withRunOutsideIntendedUse(true);
        running = tasks.submit(inferenceLane, BackgroundTask.of("Running " + name + " outside its intended use",
                context -> services.inference().run(new VolumeSeriesInput(volume), out.pkg(), insisted, context)), r -> {
                    if (startedIn == generation) {
                        show(volume, out.pkg(), r, null);
                    }
                }, failure(startedIn));
    }

    /**
     * A 2D image model on every image (frame) of the series, combined by its card's study rule, shown as the panel shows a
     * volume model's result ({@link ImageResultView}); refused with the reasons when no image is within its intended use.
     */
    private Outcome runImages(Volume volume, ModelPackage pkg, ImageRequest request, org.lumen.task.TaskContext context) throws Exception {
        List<ImageInput> inputs = new ArrayList<>();
        List<org.lumen.aiassist.model.ImageFacts> facts = new ArrayList<>();
        Map<ImageKey, Integer> sliceOf = new HashMap<>();
        Map<ImageKey, ImageRunRecords.ImagePlace> places = new HashMap<>();
        for (int k = 0; k < volume.sliceCount(); k++) {
            ImageInput input = ImageInput.of(volume, k);
            inputs.add(input);
            facts.add(input.facts());
            ImageKey key = ImageKey.of(input.facts());
            sliceOf.put(key, k);
            var plane = volume.frame(k).plane();
            places.put(key, new ImageRunRecords.ImagePlace(key, k, spacing(plane.columnSpacing()), spacing(plane.rowSpacing())));
        }
        try {
            StudyResult study = services.imageInference().run(inputs, pkg, request, context);
            return new Outcome(pkg, ImageResultView.of(study, volume.geometry(), sliceOf), null, null, new Images(volume.plan().seriesUid(), study, places,
                    sliceOf, facts, request));
        } catch (OutsideIntendedUseException e) {
            return new Outcome(pkg, null, null, e);
        }
    }

    private static double spacing(Double mm) {
        return mm == null || !(mm > 0) ? 1 : mm;
    }

    private void show(Volume volume, ModelPackage pkg, InferenceResult r, Images forImages) {
        if (resultVolume != null && result != null) {
            result.heatmaps().forEach(h -> viewports.overlays().remove(resultVolume.plan().seriesUid(), "AI: " + h.label()));
        }
        result = r;
        images = forImages;
        resultVolume = volume;
        runId = null;
        findingIds.clear();
        OverlayLayer first = null;
        for (var heatmap : r.heatmaps()) {
            OverlayLayer layer = HeatmapOverlays.layer(heatmap, volume.geometry(), r.outsideIntendedUse());
            viewports.overlays().put(volume.plan().seriesUid(), layer);
            first = first == null ? layer : first;
        }
        panel.show(r, pkg.card(), first, forImages == null ? null : ImageResultView.places(forImages.study(), volume, forImages.sliceOf()));
        panel.showStudy(forImages == null ? null : StudyTable.of(forImages.study(), forImages.inputs()));
        showBoxes(volume, r, forImages);
        explanation.showing(forImages == null ? null : new AiExplanation.Subject(volume, pkg, forImages.request()),
                pkg.card());
        showOperatingPoint(r, pkg.card().id());
        onResultChanged.run();
        if (r.outsideIntendedUse()) {
            report.accept("Outside intended use: " + pkg.card().name() + " ran on a series it is not meant for; every result is marked.");
        } else if (r.device().isFallback()) {
            report.accept(r.device().summary());
        }
        record(r, forImages);
    }

    /** Draws the result's finding boxes over its images (2D: each box on its image; 3D: on the slices it spans). */
    private void showBoxes(Volume volume, InferenceResult r, Images forImages) {
        dropBoxes();
        List<FindingBox> list = forImages != null
                ? ImageResultView.boxes(forImages.study(), volume.geometry(), forImages.sliceOf())
                : r.findings().stream().map(FindingBox::around).toList();
        Map<Integer, Finding> byRank = new HashMap<>();
        r.findings().forEach(f -> byRank.put(f.rank(), f));
        boxes = new FindingBoxLayer(volume, list, rank -> byRank.containsKey(rank) ? panel.decisionOf(byRank.get(rank)) : null,
                () -> panel.selected() == null ? 0 : panel.selected().rank(),
                rank -> byRank.containsKey(rank) && panel.belowOperatingPoint(byRank.get(rank)),
                rank -> byRank.containsKey(rank) ? FindingBoxLayer.caption(rank, byRank.get(rank).score()) : String.valueOf(rank),
                panel::selectRank);
        boxes.attach(viewports);
    }

    private void dropBoxes() {
        if (boxes != null) {
            boxes.detach();
            boxes = null;
        }
    }

    /**
     * Reads the site's operating point for the model (on the catalog's lane) and, if the result is still on screen,
     * starts the panel's threshold there and names it on the model card.
     */
    private void showOperatingPoint(InferenceResult r, String modelId) {
        labelling.catalogTasks().submit(BackgroundTask.of("Reading the site's operating point of " + modelId, c -> {
            var catalog = labelling.catalog();
            return catalog == null ? java.util.Optional.<org.lumen.annotation.catalog.OperatingPoint>empty()
                    : catalog.operatingPoints().current(modelId);
        }), point -> {
            if (result == r) {
                panel.showOperatingPoint(point.map(org.lumen.annotation.catalog.OperatingPoint::threshold).orElse(null),
                        point.map(AiAssist::origin).orElse(""));
                viewports.redrawGraphics(); // boxes below the operating point turn faint
            }
        }, e -> report.accept("Could not read the site's operating point of " + modelId + ": " + e.getMessage()));
    }

    /** "chosen 2026-12-07 by ana from the validation on lidc at 1.0 FP/scan (sensitivity 0.82)". */
    public static String origin(org.lumen.annotation.catalog.OperatingPoint p) {
        StringBuilder s = new StringBuilder("chosen " + java.time.LocalDate.ofInstant(p.chosenAt(), java.time.ZoneId.systemDefault())
                + " by " + p.chosenBy());
        if (p.dataset() != null) {
            s.append(" from the validation on ").append(p.dataset());
        }
        if (p.fpPerScan() != null) {
            s.append(" at ").append(p.fpPerScan()).append(" FP/scan");
        }
        if (p.sensitivity() != null) {
            s.append(String.format(java.util.Locale.ROOT, " (sensitivity %.2f)", p.sensitivity()));
        }
        if (p.modelVersion() != null && !p.modelVersion().isBlank()) {
            s.append(" for version ").append(p.modelVersion());
        }
        return s.toString();
    }

    /** Records the run and its findings in the catalog (on its lane); decisions then refer to them. */
    private void record(InferenceResult r, Images forImages) {
        labelling.catalogTasks().submit(BackgroundTask.of("Recording the AI run in the catalog", c -> {
            var catalog = labelling.catalog();
            if (catalog == null) {
                return null;
            }
            // A 2D run keeps its study result and each image's contribution; its findings' ranks are the panel's.
            var run = catalog.aiRuns().record(forImages == null ? AiRunRecords.of(r)
                    : ImageRunRecords.of(forImages.seriesUid(), forImages.study(), forImages.places()));
            // What the reader was shown, and when: the audit trail's answer to "who saw which AI output".
            java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("runId", run.id());
            detail.put("modelId", r.provenance().modelId());
            detail.put("modelVersion", r.provenance().modelVersion());
            detail.put("findings", r.findings().size());
            detail.put("heatmaps", r.heatmaps().size());
            detail.put("fromCache", r.fromCache());
            detail.put("outsideIntendedUse", r.outsideIntendedUse());
            catalog.audit().append(org.lumen.annotation.catalog.AuditAction.AI_SHOWN, null, r.seriesUid(), detail);
            return run;
        }), run -> {
            if (run != null && result == r) {
                runId = run.id();
                run.findings().forEach(f -> findingIds.put(f.rank(), f.id()));
            }
        }, e -> report.accept("Could not record the AI run in the catalog: " + e.getMessage()));
    }

    /** Brings every view of the series to the finding's centre (the MPR crosshair included). */
    public void jump(Finding f) {
        if (resultVolume == null) {
            return;
        }
        for (SliceViewport v : viewports.onScreen()) {
            if (v.state().volume() != resultVolume) {
                continue;
            }
            if (v.crosshair() != null) {
                v.crosshair().moveTo(f.centerMm());
            } else if (boxes == null || !boxes.reveal(v, f.rank())) {
                v.state().showSlice(v.state().plane().nearestIndex(f.centerMm()));
            }
        }
        viewports.redrawGraphics();
    }

    private void decide(Finding f, FindingDecision d) {
        viewports.redrawGraphics(); // the box takes the decision's colour
        Long findingId = findingIds.get(f.rank());
        if (findingId == null) {
            report.accept("The decision is kept on screen; the catalog has no record of this run yet.");
            return;
        }
        labelling.catalogTasks().submit(BackgroundTask.of("Recording a decision on an AI finding", c -> {
            var catalog = labelling.catalog();
            var user = catalog.audit().user();
            long person = catalog.people().ensure(user.displayName() != null ? user.displayName() : user.account(), true, false).id();
            catalog.aiRuns().decide(findingId, AiRunRecords.kind(d), person, null, null);
            return null;
        }), done -> { }, e -> report.accept("Could not record the decision: " + e.getMessage()));
    }

    /** Paints every voxel of the first heatmap at or above {@code threshold} into the active class, as one undoable step. */
    public void heatmapToMask(double threshold) {
        if (result == null || result.heatmaps().isEmpty() || resultVolume == null) {
            report.accept("Run a model first: there is no heatmap to turn into a mask.");
            return;
        }
        var heatmap = result.heatmaps().getFirst().volume();
        var g = resultVolume.geometry();
        labelling.start(resultVolume, session -> {
            if (runId != null) {
                session.setNextStepOrigin(new Origin.Imported("AI run " + runId + ", heatmap at or above " + threshold));
            }
            var onSlices = org.lumen.aiassist.grid.StoredSlices.of(heatmap, g);
            var values = org.lumen.annotation.edit.VoxelValues.perSlice(g.columns(), g.rows(), g.slices(), onSlices::apply);
            var painted = org.lumen.annotation.edit.HeatmapMasks.threshold(session.editor(), values, threshold,
                    PaintRule.paintOnEmpty(session.activeLabel()));
            report.accept(String.format(java.util.Locale.ROOT, "The heatmap at ≥ %.2f is now a mask of %,d voxels in the Labels tab.",
                    threshold, painted.changedVoxels()));
        });
    }

    /** Turns accepted findings into spheres of the active class in the labelling session (started if needed). */
    public void makeMasks(List<Finding> accepted) {
        preAnnotate(accepted, "masks", (session, f) -> {
            double diameter = Math.max(f.extentMm()[0], Math.max(f.extentMm()[1], f.extentMm()[2]));
            FindingMasks.sphere(session.editor(), resultVolume.geometry(), f.centerMm(), diameter,
                    PaintRule.paintOnEmpty(session.activeLabel()));
        });
    }

    /** Accepted findings as boxes of the active class around each (its extent along the patient axes). */
    public void makeBoxes(List<Finding> accepted) {
        preAnnotate(accepted, "boxes", (session, f) -> {
            String className = session.activeClass().map(c -> c.name()).orElse("Other");
            double[] e = f.extentMm();
            session.objects().add(BoxLabel.around(session.frameOfReferenceUid(), session.seriesUid(), className, f.centerMm(),
                    new Vec3(e[0], e[1], e[2])));
        });
    }

    /** One labelling step per accepted finding, each naming its finding and run as the revision's origin. */
    private void preAnnotate(List<Finding> accepted, String what, BiConsumer<AnnotationSession, Finding> step) {
        if (accepted.isEmpty()) {
            report.accept("Accept findings first (Y in the findings table).");
            return;
        }
        if (resultVolume == null) {
            return;
        }
        labelling.start(resultVolume, session -> {
            for (Finding f : accepted) {
                Long findingId = findingIds.get(f.rank());
                if (runId != null && findingId != null) {
                    session.setNextStepOrigin(new Origin.FromAiFinding(runId, findingId));
                }
                step.accept(session, f);
            }
            report.accept(accepted.size() + " accepted finding(s) are now editable " + what + " in the Labels tab.");
        });
    }
}
