// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import org.lumen.app.workflow.Stylesheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.InstanceRecord;
import org.lumen.app.pacs.ArrivalIndexer;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.network.ArchiveSearches;
import org.lumen.app.cache.CacheRetrieval;
import org.lumen.app.services.LumenServices;
import org.lumen.network.ResumingRetrieve;
import org.lumen.network.NetworkException;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskCancelledException;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.volume.ArrivingStudy;

/**
 * File ▸ Query/Retrieve (Ctrl+Shift+Q): choose a saved node (add, edit or remove nodes here) or type
 * an address, search, see which studies are already in the offline cache, and pick a study to list
 * its series with what the cache holds of each. Retrieve fetches the chosen series (or the whole study,
 * series by series), each with its own status ("arriving 12 of 40", "done", "failed: …"), and indexes
 * each series into the catalog as it completes. Enter, double-click or "Retrieve and open" also opens
 * it in the workstation as it arrives. Searches and retrievals are background tasks in the status bar,
 * with progress; Esc cancels them.
 */
public final class QueryRetrieveWindow {

    private final Stage stage = new Stage();
    private final UserDataFolder data;
    /** The process's catalog (thread-safe, opened on first use), saved nodes and network settings. */
    private final LumenServices services;
    private final java.util.function.Supplier<Catalog> catalogs;
    private final FxTaskRunner tasks;
    private final ArrivalIndexer indexer;
    private final Consumer<List<Path>> open;
    private final Arrivals arrivals;
    private final Runnable nodesChanged;
    private final ComboBox<String> node = new ComboBox<>();
    private final Button addNode = new Button("Add…");
    private final Button editNode = new Button("Edit…");
    private final Button removeNode = new Button("Remove");
    private final TextField patientName = field("Patient name (DOE^*)");
    private final TextField patientId = field("Patient ID");
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField modality = field("Modality");
    private final TextField accession = field("Accession");
    private final TableView<StudyMatch> results = new TableView<>();
    private final TableView<SeriesRow> series = new TableView<>();
    private final Label status = new Label("Choose a node and search.");
    private final Button search = new Button("Search");
    private final Button retrieve = new Button("Retrieve");
    private final Button retrieveAndOpen = new Button("Retrieve and open");
    /** Studies of the results already in the offline cache: looked up with the search, off the FX thread. */
    private final Set<String> cached = new HashSet<>();
    /** The series rows of each study listed so far, kept while the window lives so a running retrieve's rows stay live. */
    private final Map<String, List<SeriesRow>> seriesOfStudy = new HashMap<>();
    /** Who waits for the series list of a study being asked of the archive now. */
    private final Map<String, List<Consumer<List<SeriesRow>>>> listingsInFlight = new HashMap<>();
    /** Counts study selections: a series list that arrives after another study was chosen is not shown. */
    private long listing;

    /** Where a study being retrieved opens: in the workstation, shown as it arrives (decision 0017). */
    @FunctionalInterface
    public interface Arrivals {
        /** Called on the FX thread before the retrieve starts; the retrieve tells the result of each instance and of its end. */
        ArrivingStudy open(String studyUid, Path folder, int expectedInstances, String description);
    }

    /**
     * @param open         opens files (a series, or a study's cache folder) in the workstation
     * @param arrivals     opens a study that is still arriving, to grow on screen as it comes
     * @param nodesChanged told when a node was saved or removed (the receiver's allowed peers follow the saved nodes)
     */
    public QueryRetrieveWindow(Window owner, UserDataFolder data, LumenServices services, FxTaskRunner tasks,
                        ArrivalIndexer indexer, Consumer<List<Path>> open, Arrivals arrivals, Runnable nodesChanged) {
        this.services = services;
        this.catalogs = services::catalog;
        this.nodesChanged = nodesChanged;
        this.arrivals = arrivals;
        this.data = data;
        this.tasks = tasks;
        this.indexer = indexer;
        this.open = open;
        node.setEditable(true);
        node.setPromptText("saved node or dimse://AET@host:port");
        node.setPrefWidth(260);
        addNode.setOnAction(e -> addNode());
        editNode.setOnAction(e -> editNode());
        removeNode.setOnAction(e -> confirmRemoveNode());
        addNode.setTooltip(new Tooltip("Save a new PACS node (DIMSE or DICOMweb)"));
        editNode.setTooltip(new Tooltip("Change the chosen saved node"));
        removeNode.setTooltip(new Tooltip("Forget the chosen saved node and its secret"));
        from.setPromptText("from");
        to.setPromptText("to");
        from.setPrefWidth(120);
        to.setPrefWidth(120);
        search.setDefaultButton(true);
        search.setOnAction(e -> search());
        retrieve.setOnAction(e -> retrieveChosen(false));
        retrieveAndOpen.setOnAction(e -> retrieveSelected());
        retrieve.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
        retrieveAndOpen.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
        retrieve.setTooltip(new Tooltip("Retrieve the selected series, or the whole study series by series, into the offline cache"));

        results.setRowFactory(view -> doubleClick(new TableRow<>(), this::retrieveSelected));
        results.getColumns().addAll(List.of(
                column("Date", 90, m -> date(m.studyDate())), column("Patient", 170, StudyMatch::patientName),
                column("ID", 150, StudyMatch::patientId), column("Modalities", 80, m -> String.join("/", m.modalities())),
                column("Description", 260, StudyMatch::studyDescription),
                column("Series", 55, m -> m.numberOfSeries() == null ? "" : m.numberOfSeries().toString()),
                column("Images", 60, m -> m.numberOfInstances() == null ? "" : m.numberOfInstances().toString()),
                column("Cached", 60, m -> isCached(m) ? "✔" : "")));
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.setPlaceholder(new Label("No studies yet: search a node."));
        results.getSelectionModel().selectedItemProperty().addListener((o, old, study) -> showSeriesOf(study));

        series.setRowFactory(view -> doubleClick(new TableRow<>(), this::retrieveAndOpenSeries));
        series.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<SeriesRow, String> state = new TableColumn<>("Status");
        state.setCellValueFactory(cell -> cell.getValue().statusProperty());
        state.setPrefWidth(260);
        series.getColumns().addAll(List.of(
                seriesColumn("#", 45, r -> r.match().seriesNumber() == null ? "" : r.match().seriesNumber().toString()),
                seriesColumn("Modality", 70, r -> r.match().modality()),
                seriesColumn("Description", 330, r -> r.match().seriesDescription()),
                seriesColumn("Images", 60, r -> r.match().instances() == null ? "" : r.match().instances().toString()), state));
        series.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        series.setPlaceholder(new Label("Choose a study to list its series."));

        Label nodeLabel = new Label("Node");
        HBox nodes = new HBox(6, nodeLabel, node, addNode, editNode, removeNode);
        nodes.setAlignment(Pos.CENTER_LEFT);
        FlowPane filters = new FlowPane(8, 8, patientName, patientId, from, to, modality, accession, search);
        VBox top = new VBox(8, nodes, filters);
        SplitPane tables = new SplitPane(results, series);
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.55);
        HBox bottom = new HBox(8, status, retrieve, retrieveAndOpen);
        bottom.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        BorderPane root = new BorderPane(tables, top, null, bottom, null);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(tables, new Insets(8, 0, 8, 0));
        root.getStyleClass().add("query-retrieve");
        Scene scene = new Scene(root, 1000, 640);
        scene.getStylesheets().add(Stylesheet.url());
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !tasks.running().isEmpty()) {
                tasks.running().forEach(FxTaskRunner.RunningTask::cancel);
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setTitle("Lumen — Query/Retrieve");
        stage.initOwner(owner);
    }

    public void show() {
        refreshNodes(null);
        stage.show();
        stage.toFront();
    }

    public Stage stage() { return stage; }

    public TableView<StudyMatch> results() { return results; }

    public TableView<SeriesRow> seriesTable() { return series; }

    public Label statusLabel() { return status; }

    public ComboBox<String> nodeChooser() { return node; }

    /** For tests and scripts: the node (saved name or address) and a patient ID to search. */
    public void fill(String nodeText, String id) {
        node.setValue(nodeText);
        patientId.setText(id);
    }

    // ---- saved nodes ----

    /** Lists the saved nodes again and chooses {@code chosen} (or keeps the choice, or takes the first). */
    private void refreshNodes(String chosen) {
        try {
            List<String> names = nodes().nodes().stream().map(PacsNode::name).toList();
            String keep = chosen != null ? chosen : node.getValue();
            node.setItems(FXCollections.observableArrayList(names));
            node.setValue(keep != null && (names.contains(keep) || InlineNodes.isInline(keep)) ? keep : names.isEmpty() ? null : names.getFirst());
        } catch (IOException e) {
            status.setText("The saved nodes cannot be read: " + e.getMessage());
        }
    }

    /** Add…: a new node in the node dialog; chosen here once saved. */
    public NodeDialog addNode() {
        NodeDialog dialog = new NodeDialog(stage, nodes(), tasks, null, this::saved);
        dialog.show();
        return dialog;
    }

    /** Edit…: the chosen saved node in the node dialog. */
    public NodeDialog editNode() {
        String name = node.getValue();
        try {
            PacsNode saved = name == null ? null : nodes().node(name).orElse(null);
            if (saved == null) {
                status.setText("Choose a saved node to edit" + (name != null && InlineNodes.isInline(name) ? " (an address typed in is not saved: Add… saves one)." : "."));
                return null;
            }
            NodeDialog dialog = new NodeDialog(stage, nodes(), tasks, saved, this::saved);
            dialog.show();
            return dialog;
        } catch (IOException e) {
            status.setText("The saved nodes cannot be read: " + e.getMessage());
            return null;
        }
    }

    private void saved(PacsNode n) {
        refreshNodes(n.name());
        nodesChanged.run();
        status.setText("Saved node " + n.name() + " (" + n.describe() + ").");
    }

    private void confirmRemoveNode() {
        String name = node.getValue();
        if (name == null || InlineNodes.isInline(name)) {
            status.setText("Choose a saved node to remove.");
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Remove the saved node " + name + " and its stored secret?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(stage);
        confirm.setHeaderText(null);
        confirm.getDialogPane().getStylesheets().addAll(stage.getScene().getStylesheets());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> removeNode(name));
    }

    /** Forgets a saved node and its secret. */
    public void removeNode(String name) {
        try {
            boolean removed = nodes().remove(name);
            status.setText(removed ? "Removed node " + name + "." : "No saved node is named " + name + ".");
            if (removed) {
                nodesChanged.run();
            }
        } catch (IOException e) {
            status.setText("Could not remove node " + name + ": " + e.getMessage());
        }
        refreshNodes(null);
    }

    // ---- search ----

    public void search() {
        Resolved chosen = resolveOrSay();
        if (chosen == null) {
            return;
        }
        StudyQuery query = StudyQuery.any().withPatientName(blank(patientName)).withPatientId(blank(patientId))
                .withStudyDates(from.getValue(), to.getValue()).withModality(blank(modality)).withAccessionNumber(blank(accession));
        status.setText("Searching " + chosen.node().describe() + "…");
        tasks.submit(BackgroundTask.of("Searching " + chosen.node().describe(), task -> {
            try (ArchiveSearch archive = ArchiveSearches.of(chosen.node(), chosen.credentials(), Timeouts.DEFAULT, chosen.tls())) {
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

    // ---- series of the chosen study ----

    private void showSeriesOf(StudyMatch study) {
        listing++;
        if (study == null) {
            series.getItems().clear();
            return;
        }
        withSeries(study, true, rows -> { });
    }

    /**
     * Shows the series of {@code study} and hands them to {@code then}: the rows kept from before (while a
     * retrieve of the study runs, or unless {@code fresh}), else asked of the archive (C-FIND or QIDO-RS)
     * with what the cache holds of each, off the FX thread.
     */
    private void withSeries(StudyMatch study, boolean fresh, Consumer<List<SeriesRow>> then) {
        List<SeriesRow> known = seriesOfStudy.get(study.studyInstanceUid());
        if (known != null && (!fresh || known.stream().anyMatch(SeriesRow::busy))) {
            series.getItems().setAll(known);
            then.accept(known);
            return;
        }
        Resolved chosen = resolveOrSay();
        if (chosen == null) {
            return;
        }
        List<Consumer<List<SeriesRow>>> waiting = listingsInFlight.get(study.studyInstanceUid());
        if (waiting != null) {
            waiting.add(then); // one listing per study at a time: a Retrieve right after the selection waits for its rows
            return;
        }
        List<Consumer<List<SeriesRow>>> handOver = new ArrayList<>(List.of(then));
        listingsInFlight.put(study.studyInstanceUid(), handOver);
        long mine = listing;
        series.getItems().clear();
        series.setPlaceholder(new Label("Listing the series of " + describe(study) + "…"));
        tasks.submit(BackgroundTask.of("Listing the series of " + describe(study), task -> {
            List<SeriesMatch> found;
            try (ArchiveSearch archive = ArchiveSearches.of(chosen.node(), chosen.credentials(), Timeouts.DEFAULT, chosen.tls())) {
                found = archive.findSeries(study.studyInstanceUid(), task);
            }
            return new Listed(found, cachedFiles(found));
        }), listed -> {
            List<SeriesRow> rows = new ArrayList<>();
            for (SeriesMatch m : listed.series()) {
                rows.add(new SeriesRow(m, listed.cached().getOrDefault(m.seriesInstanceUid(), List.of())));
            }
            seriesOfStudy.put(study.studyInstanceUid(), rows);
            listingsInFlight.remove(study.studyInstanceUid());
            if (mine == listing) {
                series.getItems().setAll(rows);
                series.setPlaceholder(new Label("The archive lists no series in this study."));
            }
            handOver.forEach(c -> c.accept(rows));
        }, failure -> {
            listingsInFlight.remove(study.studyInstanceUid());
            if (mine == listing) {
                series.setPlaceholder(new Label(failure));
            }
            status.setText(failure);
        });
    }

    /**
     * Off the FX thread: the files of each series that the catalog knows in the offline cache and that
     * are still there (retrieves and the receiver index what they bring).
     */
    private Map<String, List<Path>> cachedFiles(List<SeriesMatch> found) {
        Map<String, List<Path>> files = new HashMap<>();
        if (!Files.exists(data.catalog())) {
            return files;
        }
        Path cache = data.pacsCache().toAbsolutePath();
        Catalog catalog = catalogs.get();
        for (SeriesMatch m : found) {
            List<Path> present = catalog.studies().instances(m.seriesInstanceUid()).stream().map(InstanceRecord::file)
                    .filter(f -> f != null && f.toAbsolutePath().startsWith(cache) && Files.isRegularFile(f)).toList();
            files.put(m.seriesInstanceUid(), present);
        }
        return files;
    }

    // ---- retrieve ----

    /** Retrieve and open (Enter, double-click on a study): the chosen series, or the whole study; it opens as it arrives. */
    public void retrieveSelected() {
        retrieveChosen(true);
    }

    /** Double-click on a series: that series, opened when it has arrived (at once when it is cached). */
    private void retrieveAndOpenSeries() {
        SeriesRow row = series.getSelectionModel().getSelectedItem();
        StudyMatch study = results.getSelectionModel().getSelectedItem();
        if (row != null && study != null) {
            retrieve(study, List.of(row), true);
        }
    }

    /** @param openIt open in the workstation as it arrives */
    public void retrieveChosen(boolean openIt) {
        StudyMatch study = results.getSelectionModel().getSelectedItem();
        if (study == null) {
            return;
        }
        List<SeriesRow> chosenRows = List.copyOf(series.getSelectionModel().getSelectedItems());
        withSeries(study, false, rows -> {
            List<SeriesRow> wanted = chosenRows.isEmpty() || !rows.containsAll(chosenRows) ? rows : chosenRows;
            retrieve(study, wanted, openIt);
        });
    }

    /**
     * Retrieves {@code rows} of {@code study} one series after the other (each a task of its own, with
     * its progress and status), skipping what the cache already holds whole; with {@code openIt}, the
     * study opens as it arrives ({@link #openWhenArrived}).
     */
    private void retrieve(StudyMatch study, List<SeriesRow> rows, boolean openIt) {
        Resolved chosen = resolveOrSay();
        if (chosen == null) {
            return;
        }
        Retrieval r = new Retrieval(chosen, study);
        for (SeriesRow row : rows) {
            if (!row.complete() && !row.busy()) {
                row.waiting();
                r.queue.add(row);
            }
        }
        if (openIt) {
            openWhenArrived(r, rows);
        }
        if (r.queue.isEmpty() && rows.stream().anyMatch(SeriesRow::busy)) {
            status.setText("A retrieve of " + (rows.size() == 1 ? "this series" : "these series") + " runs already; its status shows how it goes.");
            return;
        }
        if (r.queue.isEmpty()) {
            status.setText(rows.isEmpty() ? "The archive lists no series in " + describe(study) + "."
                    : "The cache holds " + (rows.size() == 1 ? "this series" : "these series") + " already" + (openIt ? "; opened." : "."));
            return;
        }
        status.setText("Retrieving " + r.queue.size() + " series of " + describe(study) + "…");
        next(r);
    }

    /**
     * How a retrieve opens what it brings: when every series asked for is cached, at once (the whole
     * study folder, or the one series); otherwise at once as a study that is still arriving, whose first
     * image shows as soon as it is in and which grows while the rest comes (decision 0017).
     */
    private void openWhenArrived(Retrieval r, List<SeriesRow> rows) {
        List<SeriesRow> complete = rows.stream().filter(SeriesRow::complete).toList();
        if (r.queue.isEmpty() && !complete.isEmpty()) {
            List<SeriesRow> all = seriesOfStudy.getOrDefault(r.study.studyInstanceUid(), rows);
            r.opened = true;
            open.accept(all.stream().allMatch(SeriesRow::complete) ? List.of(folderOf(r.study)) : files(complete));
            return;
        }
        if (r.queue.isEmpty()) {
            return;
        }
        int expected = rows.stream().mapToInt(row -> row.match().instances() == null ? 0 : row.match().instances()).sum();
        r.arriving = arrivals.open(r.study.studyInstanceUid(), folderOf(r.study), expected, describe(r.study));
        r.opened = true;
    }

    /** Starts the next series of a retrieve, or ends it with a sentence. */
    private void next(Retrieval r) {
        SeriesRow row = r.queue.poll();
        if (row == null) {
            finish(r);
            return;
        }
        row.arriving();
        ArrivingStudy arriving = r.arriving;
        boolean announceCached = arriving != null && !r.announced;
        r.announced = true;
        Path folder = folderOf(r.study);
        tasks.submit(BackgroundTask.of("Retrieving " + describe(row.match()) + " of " + describe(r.study), task -> {
                    if (announceCached) {
                        announceCached(folder, arriving);
                    }
                    return retrieveSeries(r.chosen, row, arriving, task);
                }), outcome -> {
                    if (outcome.cancelled()) {
                        row.cancelled();
                        r.queue.forEach(SeriesRow::cancelled);
                        r.queue.clear();
                        r.cancelled = true;
                        finish(r);
                        return;
                    }
                    if (outcome.failure() != null) {
                        row.failed(outcome.failure());
                        r.failedSeries++;
                        next(r);
                        return;
                    }
                    RetrieveResult result = outcome.result();
                    row.done(result.files(), result.failed());
                    r.images += result.files().size();
                    if (result.files().isEmpty()) {
                        r.failedSeries++;
                    } else {
                        cached.add(r.study.studyInstanceUid());
                        results.refresh();
                    }
                    next(r);
                }, failure -> {
                    row.failed(failure);
                    r.failedSeries++;
                    next(r);
                });
    }

    /**
     * Off the FX thread: one series into the study's cache folder, each instance counted in its row as
     * it is written, then indexed into the catalog. The one place a retrieve is asked for.
     */
    private Outcome retrieveSeries(Resolved chosen, SeriesRow row, ArrivingStudy arriving, org.lumen.task.TaskContext task)
            throws Exception {
        SeriesMatch m = row.match();
        try {
            // Through the offline cache: only what it lacks is fetched, and the study is recorded (and others evicted).
            ResumingRetrieve.Result got = CacheRetrieval.of(services).retrieve(chosen.node(), chosen.credentials(), Timeouts.DEFAULT,
                    chosen.tls(), m.studyInstanceUid(), m.seriesInstanceUid(), file -> {
                        row.instanceArrived();
                        if (arriving != null) {
                            arriving.arrived(file);
                        }
                    }, task).retrieved();
            if (!got.fetched().isEmpty()) {
                indexer.indexFiles(m.studyInstanceUid(), got.fetched(), task);
            }
            List<Path> files = new ArrayList<>(got.cached());
            files.addAll(got.fetched());
            return new Outcome(new RetrieveResult(files, got.failed(), got.warnings()), false, null);
        } catch (TaskCancelledException e) {
            return new Outcome(null, true, null);
        } catch (NetworkException e) {
            // Cancelled by the reader is not a failure of the series; anything else is said in its row.
            return e.reason() == NetworkException.Reason.CANCELLED || task.isCancelled() ? new Outcome(null, true, null)
                    : new Outcome(null, false, e.getMessage());
        }
    }

    private void finish(Retrieval r) {
        String what = describe(r.study);
        StringBuilder s = new StringBuilder();
        if (r.cancelled) {
            s.append("Retrieve of ").append(what).append(" cancelled; ").append(r.images).append(" image(s) kept in the cache.");
        } else {
            s.append("Retrieved ").append(r.images).append(" image(s) of ").append(what).append(".");
        }
        if (r.failedSeries > 0) {
            s.append(" ").append(r.failedSeries).append(" series failed (their status says why; retrieve again to retry).");
        }
        status.setText(s.toString());
        if (r.arriving != null) {
            // What arrived stays on screen either way; a stop says why the rest did not come.
            if (r.cancelled) {
                r.arriving.stopped("the retrieve was cancelled");
            } else if (r.failedSeries > 0) {
                r.arriving.stopped(r.failedSeries + " series failed (their status in Query/Retrieve says why)");
            } else {
                r.arriving.finished();
            }
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

    /** One Retrieve: its series still to fetch, in order, and what came of those done. Used on the FX thread only. */
    private static final class Retrieval {
        final Resolved chosen;
        final StudyMatch study;
        final Deque<SeriesRow> queue = new ArrayDeque<>();
        ArrivingStudy arriving;
        boolean announced;
        boolean opened;
        boolean cancelled;
        int images;
        int failedSeries;

        Retrieval(Resolved chosen, StudyMatch study) {
            this.chosen = chosen;
            this.study = study;
        }
    }

    /** A series retrieve's end: what came, that the reader cancelled it, or the network's sentence for its failure. */
    private record Outcome(RetrieveResult result, boolean cancelled, String failure) {
    }

    private record Resolved(PacsNode node, org.lumen.network.node.Credentials credentials, char[] clientKeyPassword) {
        /** The node's own TLS context (its trust store, its client key store); reads files, so off the FX thread. */
        javax.net.ssl.SSLContext tls() throws org.lumen.network.NetworkException {
            return org.lumen.network.node.TrustStores.forNode(node, clientKeyPassword);
        }
    }

    /** A search's answer, with which of its studies the cache already holds. */
    private record Found(List<StudyMatch> studies, Set<String> cached) {
    }

    /** A study's series as the archive lists them, with the files of each the cache holds. */
    private record Listed(List<SeriesMatch> series, Map<String, List<Path>> cached) {
    }

    /** The chosen node, or null with the reason in the status line. */
    private Resolved resolveOrSay() {
        try {
            return resolve();
        } catch (Exception e) {
            status.setText(e.getMessage());
            return null;
        }
    }

    private Resolved resolve() throws IOException {
        String text = node.getValue() == null ? "" : node.getValue().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Choose a saved node (Add… saves one) or type an address such as dimse://AET@host:port.");
        }
        if (InlineNodes.isInline(text)) {
            return new Resolved(InlineNodes.parse(text), org.lumen.network.node.Credentials.none(), null);
        }
        NodeStore store = nodes();
        PacsNode saved = store.node(text).orElseThrow(() -> new IllegalArgumentException("No saved node is named '" + text
                + "' (Add… saves one)."));
        return new Resolved(saved, store.credentials(text), store.clientKeyPassword(text));
    }

    private NodeStore nodes() {
        try {
            return services.nodes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the user data folder cannot be used: " + e.getMessage(), e);
        }
    }

    private Path folderOf(StudyMatch study) {
        return data.pacsCache().resolve(study.studyInstanceUid());
    }

    private static List<Path> files(List<SeriesRow> rows) {
        return rows.stream().flatMap(r -> r.files().stream()).toList();
    }

    private boolean isCached(StudyMatch m) {
        return cached.contains(m.studyInstanceUid());
    }

    /** Off the FX thread: whether the cache has a folder for this study. */
    private boolean inCache(String studyInstanceUid) {
        return studyInstanceUid != null && Files.isDirectory(data.pacsCache().resolve(studyInstanceUid));
    }

    private static String describe(StudyMatch m) {
        String s = ((m.patientName() == null ? "" : m.patientName() + " ") + (m.studyDate() == null ? "" : m.studyDate())).strip();
        return s.isEmpty() ? "study " + m.studyInstanceUid() : s;
    }

    private static String describe(SeriesMatch m) {
        return "series " + (m.seriesNumber() == null ? "" : m.seriesNumber() + " ")
                + (m.seriesDescription() == null || m.seriesDescription().isBlank() ? (m.modality() == null ? "" : m.modality())
                : "'" + m.seriesDescription() + "'");
    }

    private static String blank(TextField f) {
        return f.getText() == null || f.getText().isBlank() ? null : f.getText().strip();
    }

    private static TextField field(String prompt) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefColumnCount(12);
        return f;
    }

    private static <T> TableRow<T> doubleClick(TableRow<T> row, Runnable action) {
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !row.isEmpty()) {
                action.run();
            }
        });
        return row;
    }

    /** 20240425 as 2024-04-25; anything else as it came. */
    private static String date(String dicom) {
        return dicom != null && dicom.matches("\\d{8}") ? dicom.substring(0, 4) + "-" + dicom.substring(4, 6) + "-" + dicom.substring(6) : dicom;
    }

    private static TableColumn<StudyMatch, String> column(String title, double width, Function<StudyMatch, String> value) {
        TableColumn<StudyMatch, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static TableColumn<SeriesRow, String> seriesColumn(String title, double width, Function<SeriesRow, String> value) {
        TableColumn<SeriesRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
