// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.ui;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.task.TaskContext;

/**
 * The AI tab's explanation controls for a 2D classifier: occlusion or RISE, Explain, Cancel (Esc cancels
 * too, as every task of the window), and while it runs its progress and the time it has taken. A model
 * that gives no class scores cannot be explained this way: the button is disabled and says why.
 */
public final class ExplainBar extends VBox {

    private final ComboBox<ImageRequest.Explain> method = new ComboBox<>();
    private final Button explain = new Button("Explain");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final StackPane explainHolder = new StackPane(explain);
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final Timeline tick = new Timeline(new KeyFrame(Duration.millis(200), e -> showProgress()));
    private long startedNanos;
    private String whyNot = "Run a model first.";
    private Consumer<ImageRequest.Explain> onExplain = m -> { };
    private Runnable onCancel = () -> { };

    public ExplainBar() {
        super(2);
        method.getItems().setAll(ImageRequest.Explain.OCCLUSION, ImageRequest.Explain.RISE);
        method.setValue(ImageRequest.Explain.OCCLUSION);
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(ImageRequest.Explain e) {
                return e == null ? "" : e == ImageRequest.Explain.RISE ? "RISE" : "Occlusion";
            }

            @Override public ImageRequest.Explain fromString(String s) {
                return "RISE".equals(s) ? ImageRequest.Explain.RISE : ImageRequest.Explain.OCCLUSION;
            }
        });
        method.setTooltip(new Tooltip("Occlusion hides one block at a time; RISE runs the model under random masks "
                + "(a fixed number of runs, for large images where fine occlusion is slow)."));
        explain.setOnAction(e -> onExplain.accept(method.getValue()));
        cancel.setOnAction(e -> onCancel.run());
        cancel.setDisable(true);
        progress.setPrefWidth(90);
        progress.setVisible(false);
        progress.managedProperty().bind(progress.visibleProperty());
        tick.setCycleCount(Timeline.INDEFINITE);
        getStyleClass().add("explain-bar");
        HBox controls = new HBox(6, new Label("Explain by"), method, explainHolder, cancel, progress);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        status.setWrapText(true);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        getChildren().addAll(controls, status);
        setAvailable(false, whyNot);
    }

    public void setOnExplain(Consumer<ImageRequest.Explain> action) { onExplain = action; }

    public void setOnCancel(Runnable action) { onCancel = action; }

    /**
     * Whether the result on screen can be explained; when not, the button is disabled and its tooltip (on
     * the button's holder, since a disabled control shows none) says why.
     */
    public void setAvailable(boolean available, String reason) {
        whyNot = available ? "" : reason;
        boolean running = !cancel.isDisable();
        explain.setDisable(!available || running);
        method.setDisable(!available);
        Tooltip tip = new Tooltip(available ? "Shows what the classifier looked at on the image in the active view, as a heatmap" : reason);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        explain.setTooltip(tip);
        Tooltip.install(explainHolder, tip);
    }

    public boolean explainEnabled() { return !explain.isDisable(); }

    /** Why Explain is disabled, empty when it is not. */
    public String explainTooltip() { return explain.getTooltip() == null ? "" : explain.getTooltip().getText(); }

    /** The method chosen. */
    public ImageRequest.Explain method() { return method.getValue(); }

    public void setMethod(ImageRequest.Explain m) { method.setValue(m); }

    /** FX thread: an explanation started; progress and elapsed time show until {@link #finished(String)}. */
    public void started() {
        done.set(0);
        total.set(0);
        startedNanos = System.nanoTime();
        cancel.setDisable(false);
        explain.setDisable(true);
        progress.setVisible(true);
        showProgress();
        tick.play();
    }

    /** FX thread: the explanation ended (done, failed or cancelled); {@code sentence} says how. */
    public void finished(String sentence) {
        tick.stop();
        cancel.setDisable(true);
        explain.setDisable(!whyNot.isEmpty());
        progress.setVisible(false);
        status.setText(sentence);
    }

    public boolean running() { return !cancel.isDisable(); }

    /** The line beside the controls: progress and elapsed time while running, then how it ended. */
    public String statusText() { return status.getText(); }

    /** Seconds since the explanation started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Presses Explain (does nothing while it is disabled). */
    public void fire() {
        explain.fire();
    }

    /** Presses Cancel (tests, and Esc when the window routes it here). */
    public void cancel() {
        if (running()) {
            onCancel.run();
        }
    }

    /** The task's context with its progress also counted here (any thread), for the bar and the elapsed time. */
    public TaskContext counting(TaskContext task) {
        return new TaskContext() {
            @Override public void progress(long n, long of) {
                done.set(n);
                total.set(of);
                task.progress(n, of);
            }

            @Override public void message(String message) { task.message(message); }

            @Override public boolean isCancelled() { return task.isCancelled(); }
        };
    }

    private void showProgress() {
        long n = done.get();
        long of = total.get();
        progress.setProgress(of <= 0 ? ProgressBar.INDETERMINATE_PROGRESS : (double) n / of);
        status.setText(String.format(Locale.ROOT, "%s%.1f s (Esc cancels)", of <= 0 ? "" : (100 * n / of) + " %, ", elapsedSeconds()));
    }
}
