// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lumen.task.Pools;
import org.lumen.task.TaskHandle;
import org.lumen.task.ui.FxThread;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.Thumbnail;
import org.lumen.viewer.render.Thumbnailer;
import org.lumen.viewer.ui.SeriesBrowserRow.PatientRow;
import org.lumen.viewer.ui.SeriesBrowserRow.SeriesRow;
import org.lumen.viewer.ui.SeriesBrowserRow.StudyRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series browser: a dense, dark list of Patient → Study → Series, each series with its
 * thumbnail, modality and number, description, image count, and a marker for non-image kinds
 * (SR, SEG, …). Thumbnails are made in the background after {@link #show} and fill in as each is
 * ready. Double-click or Enter opens a series ({@link #setOnOpen}); a series can be dragged onto a
 * viewport, carrying its UID under {@link #SERIES_FORMAT}. Use it on the FX thread only.
 *
 * <p>Style classes: {@code series-browser} (this pane), {@code patient-header}, {@code study-header}
 * and {@code series-cell} (list cells), and inside them {@code series-thumbnail},
 * {@code series-kind-marker}, {@code series-title}, {@code series-description}, {@code series-count},
 * {@code study-title}, {@code study-details}, {@code patient-title}; {@code series-thumbnail-failed}
 * on a thumbnail box whose series could not be read.
 */
public final class SeriesBrowser extends BorderPane {

    /** What a dragged series carries: its SeriesInstanceUID. */
    public static final DataFormat SERIES_FORMAT = new DataFormat("application/x-lumen-series-uid");

    /** The size thumbnails are shown at, in layout pixels (they are made larger, for HiDPI screens). */
    public static final double THUMBNAIL_DISPLAY_SIZE = 64;

    /** Made on the first failure: a window that starts without one does not start logging on the FX thread (ADR 0023). */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(SeriesBrowser.class);
    }

    private final FxTaskRunner tasks;
    private final Thumbnailer thumbnailer;
    private final ListView<SeriesBrowserRow> list = new ListView<>();
    private final ReadOnlyObjectWrapper<Series> selected = new ReadOnlyObjectWrapper<>(this, "selectedSeries");
    /** Per series UID: its thumbnail image, or the reason there is none. Changed on the FX thread only. */
    private final Map<String, ThumbnailState> thumbnails = new HashMap<>();
    private Consumer<Series> onOpen = series -> { };
    private TaskHandle<?> batch;
    /** Which {@link #show} call thumbnails belong to; late ones of an earlier call are dropped. */
    private long generation;
    private boolean redirecting;

    /**
     * A browser whose thumbnails are made on the decode pool, half of it at most so that series
     * loading keeps the rest; the batch itself runs on {@code tasks}' executor (the I/O pool).
     */
    public SeriesBrowser(FxTaskRunner tasks, Pools pools) {
        this(tasks, new Thumbnailer(pools.decode(), Math.max(1, pools.decodeThreads() / 2),
                Thumbnailer.DEFAULT_SIZE, Thumbnailer.DEFAULT_SIZE));
    }

    public SeriesBrowser(FxTaskRunner tasks, Thumbnailer thumbnailer) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.thumbnailer = Objects.requireNonNull(thumbnailer, "thumbnailer");
        getStyleClass().add("series-browser");
        list.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        list.setCellFactory(view -> new Cell());
        list.setPlaceholder(placeholder("No studies"));
        list.getSelectionModel().selectedIndexProperty().addListener((o, old, now) -> selectionMoved(old.intValue(), now.intValue()));
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && selected.get() != null) {
                onOpen.accept(selected.get());
                e.consume();
            }
        });
        setCenter(list);
        setPrefWidth(280);
        setMinWidth(160);
    }

    /**
     * Lists {@code index} (null clears the browser) and starts making its thumbnails in the
     * background, cancelling the thumbnails of the previous index.
     */
    public void show(DicomIndex index) {
        if (batch != null) {
            batch.cancel();
            batch = null;
        }
        long current = ++generation;
        thumbnails.clear();
        List<SeriesBrowserRow> rows = index == null ? List.of() : SeriesBrowserRow.of(index);
        List<Series> withImages = SeriesBrowserRow.series(rows).stream().filter(Series::hasImages).toList();
        withImages.forEach(s -> thumbnails.put(s.uid(), new ThumbnailState())); // before any cell asks for them
        list.getSelectionModel().clearSelection();
        list.getItems().setAll(rows);
        selected.set(null);
        if (withImages.isEmpty()) {
            return;
        }
        Thumbnailer.Listener listener = new Thumbnailer.Listener() {
            @Override
            public void ready(Series series, Thumbnail thumbnail) {
                FxThread.later(() -> {
                    ThumbnailState state = current == generation ? thumbnails.get(series.uid()) : null;
                    if (state != null) {
                        state.image.set(toImage(thumbnail));
                    }
                });
            }

            @Override
            public void failed(Series series, String reason) {
                FxThread.later(() -> {
                    ThumbnailState state = current == generation ? thumbnails.get(series.uid()) : null;
                    if (state != null) {
                        state.problem.set(reason);
                    }
                });
            }
        };
        batch = tasks.submit(thumbnailer.task(withImages, listener), made -> { },
                failure -> Log.LOG.warn("{}", failure));
    }

    /** Called with the series to open in the active viewport (double-click or Enter). */
    public void setOnOpen(Consumer<Series> handler) {
        this.onOpen = handler == null ? series -> { } : handler;
    }

    /** The series selected in the browser, or null. */
    public ReadOnlyObjectProperty<Series> selectedSeriesProperty() {
        return selected.getReadOnlyProperty();
    }

    public Series getSelectedSeries() {
        return selected.get();
    }

    /** Selects the series with this UID (and scrolls to it); false when the browser does not list it. */
    public boolean select(String seriesUid) {
        List<SeriesBrowserRow> rows = list.getItems();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) instanceof SeriesRow row && row.series().uid().equals(seriesUid)) {
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 2));
                return true;
            }
        }
        return false;
    }

    /** The thumbnail shown for a series, when it is ready. */
    public Image thumbnailOf(String seriesUid) {
        ThumbnailState state = thumbnails.get(seriesUid);
        return state == null ? null : state.image.get();
    }

    /** The series UID a drag from this browser carries, or null when the dragboard holds none. */
    public static String draggedSeriesUid(Dragboard dragboard) {
        return dragboard.hasContent(SERIES_FORMAT) && dragboard.getContent(SERIES_FORMAT) instanceof String uid ? uid : null;
    }

    /** Converts a thumbnail's pixels into an image; FX thread only. */
    static WritableImage toImage(Thumbnail thumbnail) {
        WritableImage image = new WritableImage(thumbnail.width(), thumbnail.height());
        image.getPixelWriter().setPixels(0, 0, thumbnail.width(), thumbnail.height(), PixelFormat.getIntArgbInstance(),
                thumbnail.argb(), 0, thumbnail.width());
        return image;
    }

    /** Keeps headers out of the selection: selecting one moves on to the nearest series in the direction of travel. */
    private void selectionMoved(int from, int to) {
        List<SeriesBrowserRow> rows = list.getItems();
        if (to >= 0 && to < rows.size() && rows.get(to) instanceof SeriesRow row) {
            selected.set(row.series());
            return;
        }
        if (to < 0) {
            if (!redirecting) {
                selected.set(null);
            }
            return;
        }
        if (redirecting) {
            return;
        }
        int target = SeriesBrowserRow.nearestSeries(rows, from, to);
        redirecting = true;
        // Not from inside the selection model's own change notification.
        FxThread.later(() -> {
            try {
                if (target >= 0 && target < list.getItems().size()) {
                    list.getSelectionModel().clearAndSelect(target);
                    list.scrollTo(target);
                } else {
                    list.getSelectionModel().clearSelection();
                    selected.set(null);
                }
            } finally {
                redirecting = false;
            }
        });
    }

    private ThumbnailState stateOf(Series series) {
        return thumbnails.get(series.uid());
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder");
        return label;
    }

    private static Label styled(String styleClass) {
        Label label = new Label();
        label.getStyleClass().add(styleClass);
        return label;
    }

    /** A series' thumbnail as it arrives: the image, or the sentence saying why there is none. */
    private static final class ThumbnailState {
        final ObjectProperty<Image> image = new SimpleObjectProperty<>();
        final StringProperty problem = new SimpleStringProperty();
    }

    /** One row: a patient or study header, or a series with its thumbnail. The nodes of each kind are built once per cell. */
    private final class Cell extends ListCell<SeriesBrowserRow> {

        private static final List<String> KINDS = List.of("patient-header", "study-header", "series-cell");

        private final Label patientTitle = styled("patient-title");

        private final Label studyTitle = styled("study-title");
        private final Label studyDetails = styled("study-details");
        private final VBox studyBox = new VBox(1, studyTitle, studyDetails);

        private final ImageView thumbnail = new ImageView();
        private final Label thumbnailText = styled("series-kind-marker");
        private final StackPane thumbnailBox = new StackPane(thumbnail, thumbnailText);
        private final Label seriesTitle = styled("series-title");
        private final Label seriesDescription = styled("series-description");
        private final Label seriesCount = styled("series-count");
        private final HBox seriesBox;
        /** The series' tooltip text ("" for none); the tooltip itself is made on the first hover (HoverTooltips). */
        private final javafx.beans.property.StringProperty tooltipText = new javafx.beans.property.SimpleStringProperty("");
        private final ChangeListener<String> problemListener = (o, old, now) -> {
            thumbnailBox.getStyleClass().remove("series-thumbnail-failed");
            if (now != null) {
                thumbnailBox.getStyleClass().add("series-thumbnail-failed");
            }
        };
        private ThumbnailState bound;

        Cell() {
            HoverTooltips.install(this, tooltipText);
            thumbnail.setFitWidth(THUMBNAIL_DISPLAY_SIZE);
            thumbnail.setFitHeight(THUMBNAIL_DISPLAY_SIZE);
            thumbnail.setPreserveRatio(true);
            thumbnail.setSmooth(true);
            thumbnailBox.getStyleClass().add("series-thumbnail");
            thumbnailBox.setMinSize(THUMBNAIL_DISPLAY_SIZE, THUMBNAIL_DISPLAY_SIZE);
            thumbnailBox.setPrefSize(THUMBNAIL_DISPLAY_SIZE, THUMBNAIL_DISPLAY_SIZE);
            thumbnailBox.setMaxSize(THUMBNAIL_DISPLAY_SIZE, THUMBNAIL_DISPLAY_SIZE);
            VBox text = new VBox(1, seriesTitle, seriesDescription, seriesCount);
            text.setAlignment(Pos.CENTER_LEFT);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            seriesBox = new HBox(6, thumbnailBox, text);
            seriesBox.setAlignment(Pos.CENTER_LEFT);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            // As wide as the list, never wider: long descriptions end in "…" instead of scrolling sideways.
            setPrefWidth(0);
            patientTitle.setMinWidth(0);
            studyTitle.setMinWidth(0);
            studyDetails.setMinWidth(0);

            addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() instanceof SeriesRow row) {
                    onOpen.accept(row.series());
                    e.consume();
                }
            });
            setOnDragDetected(e -> {
                if (!(getItem() instanceof SeriesRow row)) {
                    return;
                }
                Dragboard dragboard = startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.put(SERIES_FORMAT, row.series().uid());
                dragboard.setContent(content);
                Image image = thumbnail.getImage();
                if (image != null) {
                    dragboard.setDragView(image, image.getWidth() / 2, image.getHeight() / 2);
                }
                e.consume();
            });
        }

        @Override
        protected void updateItem(SeriesBrowserRow row, boolean empty) {
            super.updateItem(row, empty);
            unbindThumbnail();
            getStyleClass().removeAll(KINDS);
            setText(null);
            tooltipText.set("");
            if (empty || row == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            setAccessibleText(row.text());
            switch (row) {
                case PatientRow patient -> {
                    getStyleClass().add("patient-header");
                    patientTitle.setText(SeriesBrowserLabels.patientLine(patient.patient()));
                    setGraphic(patientTitle);
                }
                case StudyRow study -> {
                    getStyleClass().add("study-header");
                    studyTitle.setText(SeriesBrowserLabels.studyDate(study.study()) + "  "
                            + SeriesBrowserLabels.studyDescription(study.study()));
                    String modalities = SeriesBrowserLabels.modalities(study.study());
                    studyDetails.setText((modalities.isEmpty() ? "" : modalities + "  ·  ")
                            + SeriesBrowserLabels.count(study.study().series().size(), "series", "series"));
                    setGraphic(studyBox);
                }
                case SeriesRow series -> {
                    getStyleClass().add("series-cell");
                    showSeries(series.series());
                    setGraphic(seriesBox);
                }
            }
        }

        private void showSeries(Series series) {
            seriesTitle.setText(SeriesBrowserLabels.seriesTitle(series));
            seriesDescription.setText(SeriesBrowserLabels.seriesDescription(series));
            seriesCount.setText(SeriesBrowserLabels.seriesCount(series));
            thumbnailBox.getStyleClass().remove("series-thumbnail-failed");
            ThumbnailState state = series.hasImages() ? stateOf(series) : null;
            if (state == null) {
                thumbnail.setImage(null);
                String marker = SeriesBrowserLabels.kindMarker(series);
                thumbnailText.setText(marker.isEmpty() ? "…" : marker);
                tooltipText.set(SeriesBrowserLabels.seriesTooltip(series));
            } else {
                bound = state;
                thumbnail.imageProperty().bind(state.image);
                thumbnailText.textProperty().bind(Bindings.createStringBinding(
                        () -> state.problem.get() != null ? "!" : state.image.get() == null ? "…" : "",
                        state.problem, state.image));
                if (state.problem.get() != null) {
                    thumbnailBox.getStyleClass().add("series-thumbnail-failed");
                }
                tooltipText.bind(Bindings.createStringBinding(
                        () -> SeriesBrowserLabels.seriesTooltip(series)
                                + (state.problem.get() == null ? "" : "\n" + state.problem.get()),
                        state.problem));
                state.problem.addListener(problemListener);
            }
        }

        private void unbindThumbnail() {
            thumbnail.imageProperty().unbind();
            thumbnailText.textProperty().unbind();
            tooltipText.unbind();
            if (bound != null) {
                bound.problem.removeListener(problemListener);
                bound = null;
            }
        }
    }
}
