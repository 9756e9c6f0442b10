// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.network.ArchiveSearches;
import org.lumen.network.Timeouts;
import org.lumen.network.ArchiveTransfers;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.volume.ArrivingStudy;

/**
 * File ▸ Query/Retrieve (Ctrl+Shift+Q): search a saved node (or an address typed in), see which
 * studies are already in the offline cache, and retrieve one (button, Enter or double-click) into the
 * cache; it opens in the workstation at once and grows there as its instances arrive. Searches and retrievals are background tasks
 * in the status bar, with progress, and Esc cancels them.
 */
final class QueryRetrieveWindow {

    private final Stage stage = new Stage();
    private final UserDataFolder data;
    private final FxTaskRunner tasks;
    private final Arrivals arrivals;
    private final ComboBox<String> node = new ComboBox<>();
    private final TextField patientName = field("Patient name (DOE^*)");
    private final TextField patientId = field("Patient ID");
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField modality = field("Modality");
    private final TextField accession = field("Accession");
    private final TableView<StudyMatch> results = new TableView<>();
    private final Label status = new Label("Choose a node and search.");
    private final Button search = new Button("Search");
    private final Button retrieve = new Button("Retrieve and open");
    /** Studies of the results already in the offline cache: looked up with the search, off the FX thread. */
    private final java.util.Set<String> cached = new java.util.HashSet<>();

    /** Where a retrieved study opens: in the workstation, shown as it arrives (decision 0017). */
    @FunctionalInterface
    interface Arrivals {
        /** Called on the FX thread before the retrieve starts; the retrieve tells the result of each instance and of its end. */
        ArrivingStudy open(String studyUid, Path folder, int expectedInstances, String description);
    }

    QueryRetrieveWindow(Window owner, UserDataFolder data, FxTaskRunner tasks, Arrivals arrivals) {
        this.data = data;
        this.tasks = tasks;
        this.arrivals = arrivals;
        node.setEditable(true);
        node.setPromptText("saved node or dimse://AET@host:port");
        node.setPrefWidth(280);
        from.setPromptText("from");
        to.setPromptText("to");
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        search.setDefaultButton(true);
        search.setOnAction(e -> search());
        retrieve.setOnAction(e -> retrieveSelected());
        retrieve.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
        results.setRowFactory(view -> {
            var row = new javafx.scene.control.TableRow<StudyMatch>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    retrieveSelected();
                }
            });
            return row;
        });
        results.getColumns().addAll(List.of(
                column("Date", 90, m -> date(m.studyDate())), column("Patient", 170, StudyMatch::patientName),
                column("ID", 150, StudyMatch::patientId), column("Modalities", 80, m -> String.join("/", m.modalities())),
                column("Description", 280, StudyMatch::studyDescription),
                column("Series", 55, m -> m.numberOfSeries() == null ? "" : m.numberOfSeries().toString()),
                column("Images", 60, m -> m.numberOfInstances() == null ? "" : m.numberOfInstances().toString()),
                column("Cached", 60, m -> isCached(m) ? "✔" : "")));
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.setPlaceholder(new Label("No studies yet: search a node."));

        FlowPane filters = new FlowPane(8, 8, node, patientName, patientId, from, to, modality, accession, search);
        HBox bottom = new HBox(8, status, retrieve);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        BorderPane root = new BorderPane(results, filters, null, bottom, null);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(results, new Insets(8, 0, 8, 0));
        root.getStyleClass().add("query-retrieve");
        Scene scene = new Scene(root, 1000, 560);
        scene.getStylesheets().add(getClass().getResource("workstation.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Lumen — Query/Retrieve");
        stage.initOwner(owner);
    }

    void show() {
        try {
            List<String> names = nodes().nodes().stream().map(PacsNode::name).toList();
            node.setItems(FXCollections.observableArrayList(names));
            if (node.getValue() == null && !names.isEmpty()) {
                node.setValue(names.getFirst());
            }
        } catch (java.io.IOException e) {
            status.setText("The saved nodes cannot be read: " + e.getMessage());
        }
        stage.show();
        stage.toFront();
    }

    Stage stage() { return stage; }

    TableView<StudyMatch> results() { return results; }

    Label statusLabel() { return status; }

    /** For tests and scripts: the node (saved name or address) and a patient ID to search. */
    void fill(String nodeText, String id) {
        node.setValue(nodeText);
        patientId.setText(id);
    }

    void search() {
        Resolved chosen;
        try {
            chosen = resolve();
        } catch (Exception e) {
            status.setText(e.getMessage());
            return;
        }
        StudyQuery query = StudyQuery.any().withPatientName(blank(patientName)).withPatientId(blank(patientId))
                .withStudyDates(from.getValue(), to.getValue()).withModality(blank(modality)).withAccessionNumber(blank(accession));
        status.setText("Searching " + chosen.node().describe() + "…");
        tasks.submit(BackgroundTask.of("Searching " + chosen.node().describe(), task -> {
            try (ArchiveSearch archive = ArchiveSearches.of(chosen.node(), chosen.credentials(), Timeouts.DEFAULT, null)) {
                List<StudyMatch> matches = archive.findStudies(query, task);
                return new Found(matches, matches.stream().map(StudyMatch::studyInstanceUid).filter(this::inCache)
                        .collect(java.util.stream.Collectors.toSet()));
            }
        }), result -> {
            List<StudyMatch> found = result.studies();
            cached.clear();
            cached.addAll(result.cached());
            results.getItems().setAll(found);
            status.setText(found.size() + " stud" + (found.size() == 1 ? "y" : "ies") + " on " + chosen.node().describe());
        }, failure -> status.setText(failure));
    }

    void retrieveSelected() {
        StudyMatch study = results.getSelectionModel().getSelectedItem();
        if (study == null) {
            return;
        }
        Resolved chosen;
        try {
            chosen = resolve();
        } catch (Exception e) {
            status.setText(e.getMessage());
            return;
        }
        Path folder = data.pacsCache().resolve(study.studyInstanceUid());
        status.setText("Retrieving " + describe(study) + "…");
        ArrivingStudy arriving = arrivals.open(study.studyInstanceUid(), folder,
                study.numberOfInstances() == null ? 0 : study.numberOfInstances(), describe(study));
        tasks.submit(BackgroundTask.of("Retrieving " + describe(study), task -> openWhileArriving(chosen, study, folder, arriving, task)),
                (RetrieveResult result) -> {
                    status.setText("Retrieved " + result.files().size() + " image(s) of " + describe(study)
                            + (result.failed() > 0 ? "; " + result.failed() + " could not be sent (retrieve again to retry)" : "") + ".");
                    if (!result.files().isEmpty()) {
                        cached.add(study.studyInstanceUid());
                        results.refresh();
                    }
                }, failure -> status.setText(failure));
    }

    /** The retrieve, telling the arriving study of each instance as it is written and of how the retrieve ended (a cancel too). */
    private static RetrieveResult openWhileArriving(Resolved chosen, StudyMatch study, Path folder, ArrivingStudy arriving,
                                                  org.lumen.task.TaskContext task) throws Exception {
        try {
            announceCached(folder, arriving);
            RetrieveResult result = ArchiveTransfers.get(chosen.node(), chosen.credentials(), Timeouts.DEFAULT, null,
                    study.studyInstanceUid(), null, folder, arriving::arrived, task);
            arriving.finished();
            return result;
        } catch (Exception e) {
            arriving.stopped(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    /** What the cache holds of the study already is shown too: a retrieve that fetches only what is missing does not announce it. */
    private static void announceCached(Path folder, ArrivingStudy arriving) throws java.io.IOException {
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".dcm") && !f.getFileName().toString().startsWith("."))
                        .sorted().forEach(arriving::arrived);
            }
        }
    }

    private record Resolved(PacsNode node, org.lumen.network.node.Credentials credentials) {
    }

    /** A search's answer, with which of its studies the cache already holds. */
    private record Found(List<StudyMatch> studies, java.util.Set<String> cached) {
    }

    private Resolved resolve() throws java.io.IOException {
        String text = node.getValue() == null ? "" : node.getValue().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Choose a saved node or type an address such as dimse://AET@host:port.");
        }
        if (InlineNodes.isInline(text)) {
            return new Resolved(InlineNodes.parse(text), org.lumen.network.node.Credentials.none());
        }
        NodeStore store = nodes();
        PacsNode saved = store.node(text).orElseThrow(() -> new IllegalArgumentException("No saved node is named '" + text
                + "' (lumen pacs add NAME ADDRESS saves one)."));
        return new Resolved(saved, store.credentials(text));
    }

    private NodeStore nodes() {
        return new NodeStore(data.pacsNodes(), data.secrets());
    }

    private boolean isCached(StudyMatch m) {
        return cached.contains(m.studyInstanceUid());
    }

    /** Off the FX thread: whether the cache has a folder for this study. */
    private boolean inCache(String studyInstanceUid) {
        return studyInstanceUid != null && Files.isDirectory(data.pacsCache().resolve(studyInstanceUid));
    }

    private static String describe(StudyMatch m) {
        return (m.patientName() == null ? "" : m.patientName() + " ") + (m.studyDate() == null ? "" : m.studyDate());
    }

    private static String blank(TextField f) {
        return f.getText() == null || f.getText().isBlank() ? null : f.getText().strip();
    }

    private static TextField field(String prompt) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefColumnCount(10);
        return f;
    }

    /** 20240425 as 2024-04-25; anything else as it came. */
    private static String date(String dicom) {
        return dicom != null && dicom.matches("\\d{8}") ? dicom.substring(0, 4) + "-" + dicom.substring(4, 6) + "-" + dicom.substring(6) : dicom;
    }

    private static TableColumn<StudyMatch, String> column(String title, double width, java.util.function.Function<StudyMatch, String> value) {
        TableColumn<StudyMatch, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
