// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import org.lumen.app.workflow.Stylesheet;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.annotation.catalog.AuditEntry;
import org.lumen.annotation.catalog.AuditFilter;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * AI ▸ Audit trail (Ctrl+Shift+T): the catalog's audit entries, filtered by study, user, since and action (Enter in
 * any field lists), the selected entry's detail below, and Verify chain, which recomputes every hash and names the
 * first broken entry. Reading and verifying run on the catalog's lane.
 */
public final class AuditWindow {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Stage stage = new Stage();
    private final Supplier<Catalog> catalogs;
    private final Executor catalogLane;
    private final FxTaskRunner tasks;
    private final TextField study = new TextField();
    private final TextField user = new TextField();
    private final TextField since = new TextField();
    private final ChoiceBox<String> action = new ChoiceBox<>(FXCollections.observableArrayList(AuditQuery.actions()));
    private final TableView<AuditEntry> table = new TableView<>();
    private final TextArea detail = new TextArea();
    private final Label status = new Label();
    private final Label verdict = new Label();

    public AuditWindow(Window owner, Supplier<Catalog> catalogs, Executor catalogLane, FxTaskRunner tasks) {
        this.catalogs = catalogs;
        this.catalogLane = catalogLane;
        this.tasks = tasks;
        study.setPromptText("Study Instance UID");
        study.setPrefColumnCount(22);
        user.setPromptText("account or name");
        user.setPrefColumnCount(10);
        since.setPromptText("2026-12-07");
        since.setPrefColumnCount(9);
        action.setValue(AuditQuery.ANY_ACTION);
        for (TextField f : List.of(study, user, since)) {
            f.setOnAction(e -> reload());
        }
        action.setOnAction(e -> reload());
        Button list = new Button("_List");
        list.setDefaultButton(true);
        list.setOnAction(e -> reload());
        Button verify = new Button("_Verify chain");
        verify.setOnAction(e -> verify());
        HBox filters = new HBox(6, new Label("Study"), study, new Label("User"), user, new Label("Since"), since, action, list, verify);
        filters.setAlignment(Pos.CENTER_LEFT);

        table.getColumns().addAll(List.of(
                TrustColumns.<AuditEntry>number("#", 50, e -> Long.toString(e.seq())),
                TrustColumns.<AuditEntry>text("When", 140, e -> WHEN.format(e.at())),
                TrustColumns.<AuditEntry>text("User", 130, e -> e.person() == null ? e.account() : e.account() + " (" + e.person() + ")"),
                TrustColumns.<AuditEntry>text("Action", 110, AuditEntry::action),
                TrustColumns.<AuditEntry>text("Study", 150, e -> e.studyUid() == null ? "" : e.studyUid()),
                TrustColumns.<AuditEntry>text("Series", 150, e -> e.seriesUid() == null ? "" : e.seriesUid()),
                TrustColumns.<AuditEntry>text("Detail", 320, AuditEntry::detail)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No audit entry matches."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, e) -> detail.setText(e == null ? ""
                : e.detail() + "\nhash " + e.hash() + "\nafter " + e.previousHash()));
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(4);
        detail.getStyleClass().add("trust-figure");
        verdict.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);

        BorderPane root = new BorderPane(table, filters, null, new VBox(6, detail, new HBox(8, status), verdict), null);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(table, new Insets(8, 0, 8, 0));
        root.getStyleClass().add("audit-window");
        Scene scene = new Scene(root, 1180, 560);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle("Lumen — Audit trail");
        stage.initOwner(owner);
    }

    public void show() {
        stage.show();
        stage.toFront();
        reload();
    }

    public Stage stage() { return stage; }

    public TableView<AuditEntry> table() { return table; }

    public TextField studyField() { return study; }

    public TextField userField() { return user; }

    public TextField sinceField() { return since; }

    public ChoiceBox<String> actionChooser() { return action; }

    public Label statusLabel() { return status; }

    public Label verdictLabel() { return verdict; }

    /** Lists the entries that match the filters, in the background. */
    public void reload() {
        AuditFilter filter;
        try {
            filter = AuditQuery.filter(study.getText(), user.getText(), since.getText(), action.getValue());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        status.setText("Reading the audit trail…");
        tasks.submit(catalogLane, BackgroundTask.of("Reading the audit trail", c -> catalogs.get().audit().list(filter)), entries -> {
            table.getItems().setAll(entries);
            status.setText(entries.size() + (entries.size() == 1 ? " entry" : " entries")
                    + (entries.size() >= AuditQuery.LIMIT ? " (the first " + AuditQuery.LIMIT + "; narrow the filters)" : "") + ".");
        }, status::setText);
    }

    /** Recomputes the whole chain in the background and says whether it holds, or where it breaks. */
    public void verify() {
        verdict.setText("Verifying the chain…");
        verdict.getStyleClass().removeAll("audit-intact", "audit-broken");
        tasks.submit(catalogLane, BackgroundTask.of("Verifying the audit trail", c -> catalogs.get().audit().verify()), v -> {
            verdict.setText(AuditQuery.verdict(v));
            verdict.getStyleClass().add(v.intact() ? "audit-intact" : "audit-broken");
        }, verdict::setText);
    }
}
