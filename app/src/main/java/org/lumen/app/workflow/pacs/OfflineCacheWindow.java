// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import org.lumen.app.workflow.Stylesheet;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.annotation.catalog.CachedStudy;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.cache.ByteSizes;
import org.lumen.app.cache.OfflineCache;
import org.lumen.app.services.LumenServices;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * File ▸ Offline cache (Ctrl+Shift+C): the studies retrieved from or sent by archives, with their size,
 * pin and last opening, most recently used first; open one, pin it for offline reading, remove it (its
 * files and index rows; labels and results stay), and the total against the limit, which can be changed
 * here (settings.json) and is enforced at once. Every catalog and disk operation is a background task.
 */
public final class OfflineCacheWindow {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Stage stage = new Stage();
    /** The process's catalog (thread-safe, opened on first use) and network settings. */
    private final LumenServices services;
    private final Supplier<Catalog> catalogs;
    private final FxTaskRunner tasks;
    private final Consumer<Path> open;
    private final Supplier<Set<String>> inUse;
    private final OfflineCache cache;
    private final TableView<CachedStudy> table = new TableView<>();
    private final Label total = new Label();
    private final ProgressBar fill = new ProgressBar(0);
    private final TextField limit = new TextField();
    private final Label status = new Label("Reading the cache…");
    private final Button openButton = new Button("Open");
    private final Button pinButton = new Button("Pin");
    private final Button removeButton = new Button("Remove…");
    private Predicate<String> confirm = OfflineCacheWindow::askUser;
    private long limitBytes = NetworkSettings.DEFAULT_CACHE_LIMIT;

    /**
     * @param open  opens a study's cache folder in the workstation
     * @param inUse the studies on screen: never removed or evicted from here
     */
    public OfflineCacheWindow(Window owner, UserDataFolder data, LumenServices services, FxTaskRunner tasks, Consumer<Path> open,
                       Supplier<Set<String>> inUse) {
        this.services = services;
        this.catalogs = services::catalog;
        this.tasks = tasks;
        this.open = open;
        this.inUse = inUse;
        this.cache = new OfflineCache(data);

        table.getColumns().addAll(List.of(
                column("Patient", 160, s -> s.patientName() == null ? "(not indexed)" : s.patientName()),
                column("ID", 120, CachedStudy::patientId),
                column("Date", 84, s -> date(s.studyDate())),
                column("Description", 200, CachedStudy::description),
                column("Mod.", 50, s -> String.join("/", s.modalities())),
                rightColumn("Size", 72, s -> ByteSizes.human(s.bytes())),
                rightColumn("Images", 56, s -> Integer.toString(s.instances())),
                pinnedColumn(),
                column("Last opened", 118, s -> s.lastOpened() == null ? "never" : WHEN.format(s.lastOpened())),
                column("From", 130, CachedStudy::source)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The offline cache is empty: File ▸ Query/Retrieve retrieves studies into it."));
        table.setRowFactory(view -> {
            TableRow<CachedStudy> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openSelected();
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            } else if (e.getCode() == KeyCode.DELETE) {
                removeSelected();
            }
        });
        var selected = table.getSelectionModel().selectedItemProperty();
        openButton.disableProperty().bind(selected.isNull());
        pinButton.disableProperty().bind(selected.isNull());
        removeButton.disableProperty().bind(selected.isNull());
        selected.addListener((o, old, s) -> pinButton.setText(s != null && s.pinned() ? "Unpin" : "Pin"));
        openButton.setOnAction(e -> openSelected());
        pinButton.setOnAction(e -> togglePinSelected());
        removeButton.setOnAction(e -> removeSelected());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> reload());

        limit.setPrefColumnCount(7);
        limit.setPromptText("20G");
        limit.setOnAction(e -> applyLimit());
        Button apply = new Button("Set limit");
        apply.setOnAction(e -> applyLimit());
        fill.setPrefWidth(160);
        total.getStyleClass().add("cache-total");
        HBox usage = new HBox(8, total, fill, new Label("Limit"), limit, apply);
        usage.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, usage, gap, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        status.setMaxWidth(Double.MAX_VALUE);
        status.getStyleClass().add("cache-status");
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bottom = new HBox(8, status, openButton, pinButton, removeButton);
        bottom.setAlignment(Pos.CENTER_LEFT);

        BorderPane root = new BorderPane(table, top, null, bottom, null);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(table, new Insets(8, 0, 8, 0));
        root.getStyleClass().add("offline-cache");
        Scene scene = new Scene(root, 1080, 480);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle("Lumen — Offline cache");
        stage.initOwner(owner);
    }

    public void show() {
        stage.show();
        stage.toFront();
        reload();
    }

    public Stage stage() { return stage; }

    public TableView<CachedStudy> table() { return table; }

    public Label statusLabel() { return status; }

    public Label totalLabel() { return total; }

    public TextField limitField() { return limit; }

    /** For tests: answers the "remove?" question instead of a dialog. */
    public void setConfirm(Predicate<String> confirm) {
        this.confirm = confirm;
    }

    /** What the window shows: the cached studies, their total and the limit. */
    private record Snapshot(List<CachedStudy> studies, long total, long limit) { }

    public void reload() {
        tasks.submit(BackgroundTask.of("Reading the offline cache", task -> {
            long configured = services.networkSettings().cacheLimitBytes();
            Catalog catalog = catalogs.get();
            return new Snapshot(catalog.cache().list(), catalog.cache().totalBytes(), configured);
        }), this::show, failure -> status.setText(failure));
    }

    private void show(Snapshot s) {
        String chosen = selectedUid();
        table.getItems().setAll(s.studies());
        if (chosen != null) {
            s.studies().stream().filter(x -> x.studyUid().equals(chosen)).findFirst().ifPresent(x -> table.getSelectionModel().select(x));
        }
        limitBytes = s.limit();
        total.setText(s.studies().size() + (s.studies().size() == 1 ? " study, " : " studies, ") + ByteSizes.human(s.total()) + " of "
                + ByteSizes.human(s.limit()));
        fill.setProgress(s.limit() == 0 ? 1 : Math.min(1, (double) s.total() / s.limit()));
        fill.getStyleClass().removeAll("over-limit");
        if (s.total() > s.limit()) {
            fill.getStyleClass().add("over-limit");
        }
        if (!limit.isFocused()) {
            limit.setText(ByteSizes.human(s.limit()));
        }
        if (status.getText().equals("Reading the cache…")) {
            long pinned = s.studies().stream().filter(CachedStudy::pinned).count();
            status.setText(pinned + " pinned; the least recently opened unpinned studies go first when the cache is over its limit.");
        }
    }

    public void openSelected() {
        CachedStudy s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            status.setText("Opening " + describe(s) + "…");
            open.accept(s.folder());
        }
    }

    public void togglePinSelected() {
        CachedStudy s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            setPinned(s, !s.pinned());
        }
    }

    public void setPinned(CachedStudy s, boolean pinned) {
        tasks.submit(BackgroundTask.of((pinned ? "Pinning " : "Unpinning ") + describe(s), task -> {
            Catalog catalog = catalogs.get();
            cache.pin(catalog, s.studyUid(), pinned);
            return pinned;
        }), done -> {
            status.setText(describe(s) + (done ? " is pinned: eviction leaves it in the cache." : " is unpinned: eviction may take it."));
            reload();
        }, failure -> status.setText(failure));
    }

    public void removeSelected() {
        CachedStudy s = table.getSelectionModel().getSelectedItem();
        if (s == null) {
            return;
        }
        if (inUse.get().contains(s.studyUid())) {
            status.setText(describe(s) + " is open in the workstation; close it (Ctrl+W) before removing it from the cache.");
            return;
        }
        if (!confirm.test("Remove " + describe(s) + " (" + ByteSizes.human(s.bytes()) + ", " + s.instances()
                + " images) from the offline cache? Its labels, annotations and AI results stay in the catalog; it can be retrieved again.")) {
            return;
        }
        tasks.submit(BackgroundTask.of("Removing " + describe(s) + " from the cache", task -> {
            Catalog catalog = catalogs.get();
            return cache.evict(catalog, s.studyUid());
        }), evicted -> {
            status.setText("Removed " + describe(s) + ": " + ByteSizes.human(evicted.bytes()) + " freed"
                    + (evicted.catalog().seriesKept() > 0 ? "; its labels and results stay in the catalog." : "."));
            reload();
        }, failure -> status.setText(failure));
    }

    /** Saves the typed limit in settings.json and evicts to it at once (never a study on screen). */
    public void applyLimit() {
        long bytes;
        try {
            bytes = ByteSizes.parse(limit.getText());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage() + ".");
            return;
        }
        Set<String> keep = Set.copyOf(inUse.get());
        tasks.submit(BackgroundTask.of("Setting the cache limit to " + ByteSizes.human(bytes), task -> {
            services.updateNetworkSettings(s -> s.withCacheLimit(bytes));
            Catalog catalog = catalogs.get();
            return cache.evictToLimit(catalog, bytes, keep);
        }), evicted -> {
            long freed = evicted.stream().mapToLong(OfflineCache.Evicted::bytes).sum();
            status.setText("The limit is " + ByteSizes.human(bytes) + (evicted.isEmpty() ? "; nothing had to be evicted."
                    : "; evicted " + evicted.size() + " least recently opened stud" + (evicted.size() == 1 ? "y" : "ies") + " ("
                    + ByteSizes.human(freed) + ")."));
            limit.setText(ByteSizes.human(bytes));
            reload();
        }, failure -> status.setText(failure));
    }

    public long limitBytes() {
        return limitBytes;
    }

    private String selectedUid() {
        CachedStudy s = table.getSelectionModel().getSelectedItem();
        return s == null ? null : s.studyUid();
    }

    private static boolean askUser(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText(null);
        alert.setTitle("Remove from the offline cache");
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private static String describe(CachedStudy s) {
        String who = s.patientName() == null ? "study " + s.studyUid() : s.patientName();
        return who + (s.studyDate() == null ? "" : " " + date(s.studyDate()));
    }

    private static String date(String dicom) {
        return dicom != null && dicom.matches("\\d{8}") ? dicom.substring(0, 4) + "-" + dicom.substring(4, 6) + "-" + dicom.substring(6) : dicom;
    }

    private static TableColumn<CachedStudy, String> column(String title, double width, Function<CachedStudy, String> value) {
        TableColumn<CachedStudy, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static TableColumn<CachedStudy, String> rightColumn(String title, double width, Function<CachedStudy, String> value) {
        TableColumn<CachedStudy, String> c = column(title, width, value);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** A checkbox per row: ticking it pins the study, unticking unpins it. */
    private TableColumn<CachedStudy, CachedStudy> pinnedColumn() {
        TableColumn<CachedStudy, CachedStudy> c = new TableColumn<>("Pinned");
        c.setPrefWidth(56);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(column -> new TableCell<>() {
            private final CheckBox box = new CheckBox();

            {
                box.setOnAction(e -> {
                    CachedStudy s = getItem();
                    if (s != null) {
                        setPinned(s, box.isSelected());
                    }
                });
                setAlignment(Pos.CENTER);
            }

            @Override
            protected void updateItem(CachedStudy s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                } else {
                    box.setSelected(s.pinned());
                    setGraphic(box);
                }
            }
        });
        return c;
    }
}
