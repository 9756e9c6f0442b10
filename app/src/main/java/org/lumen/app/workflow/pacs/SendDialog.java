// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import org.lumen.app.workflow.Stylesheet;
import org.lumen.app.workflow.LiveCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.network.ArchiveTransfers;
import org.lumen.network.NetworkException;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.task.TaskHandle;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * "Send to…": sends files, unchanged, to a saved node (C-STORE or STOW-RS, the node's protocol) as a
 * background task with progress and cancel, then says what was stored and, for each file that was not,
 * why. It takes any files, so the series on screen and the SEG or SR objects Lumen writes use the same dialog.
 * Closing the dialog does not stop a send (Cancel, Esc or the status bar do); its result also goes to the status bar.
 */
public final class SendDialog {

    /** How many refused files the sentence names; the rest are counted. */
    private static final int REASONS_SHOWN = 20;

    private final Stage stage = new Stage();
    private final List<Path> files;
    private final NodeStore store;
    private final FxTaskRunner tasks;
    private final ChoiceBox<String> node = new ChoiceBox<>();
    private final Label what = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final TextArea result = new TextArea();
    private final Button send = new Button("Send");
    private final Button cancel = new Button("Cancel");
    private final Button close = new Button("Close");
    private final LiveCount sent = new LiveCount();
    private final Consumer<String> report;
    private TaskHandle<Outcome> running;
    private Sent onSent = (target, result, failure) -> { };

    /** Told of every send that ended, for the audit trail: its result, or (cancelled or failed) null and the sentence why. */
    @FunctionalInterface
    public interface Sent {
        void sent(PacsNode target, SendResult result, String failure);
    }

    /**
     * @param description what the files are, e.g. "CT series 3 'Chest' of DOE^JOHN"
     * @param report      where the result also goes (the status bar), for a send that outlives the dialog
     */
    public SendDialog(Window owner, NodeStore store, FxTaskRunner tasks, List<Path> files, String description, Consumer<String> report) {
        this.files = List.copyOf(files);
        this.report = report;
        this.store = store;
        this.tasks = tasks;
        what.setText(description + ": " + count(files.size()));
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE);
        node.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(node, Priority.ALWAYS);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        progress.progressProperty().bind(sent.doneProperty().map(d -> sent.totalProperty().get() <= 0 ? 0.0 : d.doubleValue() / sent.totalProperty().get()));
        progressText.textProperty().bind(sent.doneProperty().map(d -> d + " of " + files.size() + " sent"));
        progressText.visibleProperty().bind(progress.visibleProperty());
        result.setEditable(false);
        result.setWrapText(true);
        result.setPrefRowCount(6);
        result.setPromptText("What the archive stored, and why it refused any file, shows here.");
        result.getStyleClass().add("send-result");
        send.setDefaultButton(true);
        send.setOnAction(e -> send());
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancelSend());
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());

        HBox to = new HBox(8, new Label("Send to"), node);
        to.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, progressText, gap, send, cancel, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(10, what, to, progress, result, buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(560);
        root.getStyleClass().add("send-dialog");
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle("Send to…");
        stage.initOwner(owner);
        loadNodes();
        measure();
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() { return stage; }

    /** Who hears of each send that ended (the window records it in the audit trail). */
    public void setOnSent(Sent handler) { onSent = handler; }

    public ChoiceBox<String> nodeChooser() { return node; }

    public TextArea resultArea() { return result; }

    public Label descriptionLabel() { return what; }

    /** Sends the files to the chosen node in the background. */
    public void send() {
        String name = node.getValue();
        if (name == null) {
            result.setText("Choose a saved node to send to (File ▸ Query/Retrieve ▸ Add… saves one).");
            return;
        }
        PacsNode target;
        org.lumen.network.node.Credentials credentials;
        try {
            target = store.node(name).orElseThrow(() -> new IOException("no saved node is named " + name));
            credentials = store.credentials(name);
        } catch (IOException e) {
            result.setText("The node cannot be used: " + e.getMessage());
            return;
        }
        send.setDisable(true);
        cancel.setDisable(false);
        progress.setVisible(true);
        result.setText("Sending " + count(files.size()) + " to " + target.describe() + "…");
        sent.start(files.size());
        running = tasks.submit(BackgroundTask.of("Sending " + count(files.size()) + " to " + target.describe(), task -> {
            TaskContext counting = new TaskContext() {
                @Override public void progress(long done, long total) {
                    sent.set(done, total);
                    task.progress(done, total);
                }

                @Override public void message(String message) { task.message(message); }

                @Override public boolean isCancelled() { return task.isCancelled(); }
            };
            try {
                return new Outcome(ArchiveTransfers.send(target, credentials, Timeouts.DEFAULT,
                        org.lumen.network.node.TrustStores.forNode(target, store.clientKeyPassword(target.name())), files, counting), null);
            } catch (TaskCancelledException e) {
                return new Outcome(null, "Cancelled: the archive may have stored some of the files already.");
            } catch (NetworkException e) {
                return new Outcome(null, e.reason() == NetworkException.Reason.CANCELLED
                        ? "Cancelled: the archive may have stored some of the files already." : "Not sent: " + e.getMessage());
            }
        }), outcome -> {
            done();
            result.setText(outcome.failure() != null ? outcome.failure() : sentence(outcome.result(), target));
            report.accept(result.getText().lines().findFirst().orElse(""));
            onSent.sent(target, outcome.result(), outcome.failure());
        }, failure -> {
            done();
            result.setText(failure);
            report.accept(failure);
            onSent.sent(target, null, failure);
        });
    }

    private void cancelSend() {
        if (running != null) {
            running.cancel();
        }
    }

    private void done() {
        sent.stop();
        running = null;
        send.setDisable(false);
        cancel.setDisable(true);
    }

    /** "Stored 16 of 16 files on ORTHANC@host:4242." and, per refused file, its reason. */
    public static String sentence(SendResult r, PacsNode target) {
        int total = r.stored().size() + r.notStored().size();
        StringBuilder s = new StringBuilder("Stored " + r.stored().size() + " of " + count(total) + " on " + target.describe() + ".");
        if (!r.notStored().isEmpty()) {
            s.append("\nNot stored (").append(r.notStored().size()).append("):");
            r.notStored().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(REASONS_SHOWN)
                    .forEach(e -> s.append("\n• ").append(e.getKey().getFileName()).append(": ").append(e.getValue()));
            if (r.notStored().size() > REASONS_SHOWN) {
                s.append("\n… and ").append(r.notStored().size() - REASONS_SHOWN).append(" more.");
            }
        }
        return s.toString();
    }

    private void loadNodes() {
        try {
            List<String> names = store.nodes().stream().map(PacsNode::name).toList();
            node.setItems(FXCollections.observableArrayList(names));
            if (!names.isEmpty()) {
                node.setValue(names.getFirst());
            } else {
                result.setText("No node is saved yet: File ▸ Query/Retrieve ▸ Add… saves one.");
                send.setDisable(true);
            }
        } catch (IOException e) {
            result.setText("The saved nodes cannot be read: " + e.getMessage());
            send.setDisable(true);
        }
    }

    /** Adds the files' total size to the description, measured off the FX thread. */
    private void measure() {
        String base = what.getText();
        tasks.submit(BackgroundTask.of("Measuring the files to send", task -> {
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            return bytes;
        }), bytes -> what.setText(base + ", " + size(bytes)), failure -> what.setText(base + " (" + failure + ")"));
    }

    private static String count(int n) {
        return n + (n == 1 ? " file" : " files");
    }

    public static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    /** A send's end: what the archive did, or why nothing more can be said. */
    private record Outcome(SendResult result, String failure) {
    }
}
