// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.ai;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.lumen.aiassist.image2d.Explanation;
import org.lumen.aiassist.image2d.ImageExplainer;
import org.lumen.aiassist.image2d.ImageInput;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.ui.ExplainBar;
import org.lumen.aiassist.ui.FindingsPanel;
import org.lumen.aiassist.ui.HeatmapOverlays;
import org.lumen.app.ai.ImageResultView;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskHandle;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.volume.Volume;

/**
 * The AI tab's Explain for a 2D classifier's result: explains the image in the active view (occlusion or RISE,
 * {@link ImageExplainer}) on the inference lane with progress, elapsed time and cancel, and shows the map as a
 * heatmap layer with its legend under the tab's heatmap controls. One explanation at a time; a new result or a
 * closed study takes it off.
 */
public final class AiExplanation {

    /** What can be explained: the 2D result on screen. */
    public record Subject(Volume volume, ModelPackage pkg, ImageRequest request) {

        ModelCard card() { return pkg.card(); }
    }

    private final Executor inferenceLane;
    private final FxTaskRunner tasks;
    private final ViewportContext viewports;
    private final FindingsPanel panel;
    private final Consumer<String> report;
    private Subject subject;
    private TaskHandle<Explanation> running;
    private OverlayLayer shown;
    private String shownSeries;
    private Explanation last;

    public AiExplanation(Executor inferenceLane, FxTaskRunner tasks, ViewportContext viewports, FindingsPanel panel,
                  Consumer<String> report) {
        this.inferenceLane = inferenceLane;
        this.tasks = tasks;
        this.viewports = viewports;
        this.panel = panel;
        this.report = report;
        panel.explainBar().setOnExplain(this::explain);
        panel.explainBar().setOnCancel(this::cancel);
    }

    /** Why a model's result cannot be explained by occlusion or RISE, or null when it can. */
    public static String whyNot(ModelCard card) {
        if (!card.isImageModel()) {
            return "Explanations by occlusion and RISE are for 2D image classifiers; " + card.name()
                    + " is a volume model (its heatmap shows where it looked).";
        }
        if (card.output().kind() != OutputKind.CLASSIFICATION) {
            return card.name() + " has no classifier output (it gives a " + card.output().kind().label()
                    + "): occlusion and RISE explain a class score. Its own map and boxes show where it looked.";
        }
        return null;
    }

    /** A new result is on screen (null: none, or a volume model's); the previous explanation goes. */
    public void showing(Subject s, ModelCard card) {
        forget();
        subject = s;
        String why = card == null ? "Run a model first." : whyNot(card);
        panel.explainBar().setAvailable(s != null && why == null, why == null ? "" : why);
    }

    /** The explanation on screen, or null. */
    public Explanation last() { return last; }

    /** Stops any explanation running and takes the shown one off the views. */
    public void forget() {
        cancel();
        if (shown != null) {
            viewports.overlays().remove(shownSeries, shown.name());
            shown = null;
        }
        last = null;
        subject = null;
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void explain(ImageRequest.Explain method) {
        Subject s = subject;
        if (s == null || running != null) {
            return;
        }
        SliceViewport view = viewFor(s.volume());
        if (view == null) {
            report.accept("Show the series the model ran on: Explain explains the image in the active view.");
            return;
        }
        int slice = view.state().slice();
        ExplainBar bar = panel.explainBar();
        bar.started();
        String what = method == ImageRequest.Explain.RISE ? "RISE" : "occlusion";
        BackgroundTask<Explanation> task = BackgroundTask.of("Explaining " + s.card().name() + " by " + what + " on image " + (slice + 1),
                context -> ImageExplainer.task(ImageInput.of(s.volume(), slice), s.pkg(),
                        s.request().withExplain(method), -1).run(bar.counting(context)));
        TaskHandle<Explanation> handle = tasks.submit(inferenceLane, task, e -> {
            running = null;
            if (subject != s) {
                bar.finished("");
                return; // another result replaced this one while it ran
            }
            show(s, e, slice);
            bar.finished(String.format(Locale.ROOT, "%s of image %d: %d model runs in %.1f s", what, slice + 1, e.runs(), e.millis() / 1000));
        }, failure -> {
            running = null;
            bar.finished(failure);
            report.accept(failure);
        });
        running = handle;
        handle.result().whenComplete((r, error) -> {
            if (error instanceof java.util.concurrent.CancellationException || error instanceof org.lumen.task.TaskCancelledException
                    || error != null && error.getCause() instanceof org.lumen.task.TaskCancelledException) {
                org.lumen.task.ui.FxThread.later(() -> {
                    running = null;
                    bar.finished(String.format(Locale.ROOT, "Cancelled after %.1f s.", bar.elapsedSeconds()));
                });
            }
        });
    }

    private void show(Subject s, Explanation e, int slice) {
        if (shown != null) {
            viewports.overlays().remove(shownSeries, shown.name());
        }
        var heatmap = ImageResultView.explanation(e, s.volume().geometry(), slice);
        shown = HeatmapOverlays.layer(heatmap, s.volume().geometry());
        if (org.lumen.aiassist.pipeline.Heatmap.OCCLUSION.equals(heatmap.kind())) {
            // A 2D occlusion map is a score drop (never below 0): blocks that changed nothing are not drawn, as in the PNG legend.
            shown.setHeatmapStyle(shown.heatmapStyle().withThreshold(0.1 * shown.heatmapStyle().high()));
        }
        shownSeries = s.volume().plan().seriesUid();
        viewports.overlays().put(shownSeries, shown);
        panel.styleHeatmap(shown);
        last = e;
    }

    /** The active view if it shows the volume, else the first view that does. */
    private SliceViewport viewFor(Volume volume) {
        SliceViewport active = viewports.activeProperty().get();
        if (active != null && active.state().volume() == volume) {
            return active;
        }
        return viewports.onScreen().stream().filter(v -> v.state().volume() == volume).findFirst().orElse(null);
    }
}
