// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import org.lumen.app.workflow.Stylesheet;
import java.io.IOException;
import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.app.pacs.ReceiverPeers;
import org.lumen.app.services.LumenServices;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.network.dimse.StorageReceiver;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * File ▸ Network settings: the storage receiver that runs while the workstation is open — on or off
 * (off unless turned on), its AE title and port — and who may send to it (the saved DIMSE nodes).
 * Saving writes the network section of settings.json and starts the receiver again with it.
 */
public final class NetworkSettingsDialog {

    private final Stage stage = new Stage();
    private final LumenServices services;
    private final FxTaskRunner tasks;
    private final ReceiverService receiver;
    private final CheckBox enabled = new CheckBox("Run the storage receiver while Lumen is open");
    private final TextField aet = new TextField();
    private final TextField port = new TextField();
    private final Label peers = new Label();
    private final Label state = new Label();
    private final Label problem = new Label();
    private final Button save = new Button("Save");
    private NetworkSettings current = NetworkSettings.DEFAULTS;

    public NetworkSettingsDialog(Window owner, LumenServices services, FxTaskRunner tasks, ReceiverService receiver) {
        this.services = services;
        this.tasks = tasks;
        this.receiver = receiver;
        try {
            current = services.networkSettings();
        } catch (IOException e) {
            problem.setText(e.getMessage() + "; saving writes valid settings.");
        }
        enabled.setSelected(current.receiverEnabled());
        aet.setText(current.receiverAet());
        port.setText(Integer.toString(current.receiverPort()));
        aet.setPromptText("Lumen's AE title as a receiver");
        port.setPromptText("11112");
        aet.disableProperty().bind(enabled.selectedProperty().not());
        port.disableProperty().bind(enabled.selectedProperty().not());
        peers.setText(allowed());
        for (Label l : List.of(peers, state, problem)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        state.textProperty().bind(receiver.stateProperty());
        state.getStyleClass().add("dialog-note");
        peers.getStyleClass().add("dialog-note");
        problem.getStyleClass().add("dialog-problem");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());

        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints(120);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        fields.getColumnConstraints().addAll(labels, values);
        fields.add(enabled, 1, 0);
        fields.addRow(1, new Label("AE title"), aet);
        fields.addRow(2, new Label("Port"), port);
        fields.addRow(3, new Label("Allowed to send"), peers);
        fields.addRow(4, new Label("Now"), state);
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, save, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Label title = new Label("Storage receiver (C-STORE SCP)");
        title.getStyleClass().add("dialog-title");
        VBox root = new VBox(10, title, fields, problem, buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(560);
        root.getStyleClass().add("network-settings");
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle("Network settings");
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() { return stage; }

    public Label problemLabel() { return problem; }

    /** For tests and scripts: the receiver's fields as a reader would set them. */
    public void fill(boolean on, String aeTitle, String portText) {
        enabled.setSelected(on);
        aet.setText(aeTitle);
        port.setText(portText);
    }

    /** Checks the fields, writes them (off the FX thread) and starts the receiver again with them; the dialog closes once written. */
    public void save() {
        NetworkSettings chosen;
        try {
            String p = port.getText().strip();
            if (!p.matches("\\d{1,5}")) {
                throw new IllegalArgumentException(p.isEmpty() ? "the port is empty" : "the port '" + p + "' is not a number");
            }
            chosen = current.withReceiver(enabled.isSelected(), aet.getText().strip(), Integer.parseInt(p));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            problem.setText(Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".");
            return;
        }
        problem.setText("");
        save.setDisable(true);
        tasks.submit(BackgroundTask.of("Saving the network settings", task -> {
            return services.updateNetworkSettings(s -> s.withReceiver(chosen.receiverEnabled(), chosen.receiverAet(), chosen.receiverPort()));
        }), written -> {
            current = written;
            stage.close();
            receiver.restart(true);
        }, failure -> {
            save.setDisable(false);
            problem.setText(failure);
        });
    }

    private String allowed() {
        try {
            List<StorageReceiver.AllowedPeer> allowed = ReceiverPeers.savedNodes(services.nodes());
            return allowed.isEmpty() ? "nobody yet: the saved DIMSE nodes may send (File ▸ Query/Retrieve ▸ Add… saves one)"
                    : ReceiverPeers.describe(allowed) + " (the saved DIMSE nodes, each from its host)";
        } catch (IOException e) {
            return "the saved nodes cannot be read: " + e.getMessage();
        }
    }
}
