// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.viewport.Crosshair;
import org.lumen.viewer.viewport.LinkedDisplay;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.Volume;

/**
 * The viewports of the window in a layout: 1×1, 1×2, 2×2, or MPR (the acquired plane large on the
 * left, the two reformats stacked on the right, linked by a crosshair and one window). Empty
 * slots accept a series dragged from the browser; the active slot (outlined) receives the keyboard
 * and the next series opened. Each view has a header strip naming its patient (name, ID) and study;
 * when views of several patients are on screen, each patient's strips get their own colour.
 */
public final class ViewportGrid extends GridPane {

    /** A layout: how many slots in how many rows and columns. */
    public enum Layout {
        ONE("1x1", 1, 1), SIDE_BY_SIDE("1x2", 1, 2), FOUR("2x2", 2, 2), MPR("mpr", 2, 2);

        private final String id;
        private final int rows;
        private final int columns;

        Layout(String id, int rows, int columns) {
            this.id = id;
            this.rows = rows;
            this.columns = columns;
        }

        public String id() { return id; }

        public int slots() { return this == MPR ? 3 : rows * columns; }

        public static Optional<Layout> parse(String text) {
            for (Layout l : values()) {
                if (l.id.equalsIgnoreCase(text)) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }
    }

    private final ViewportContext context;
    private final List<Slot> slots = new ArrayList<>();
    private Layout layout = Layout.ONE;
    private int active;
    private BiConsumer<Integer, String> onSeriesDropped = (slot, uid) -> { };

    public ViewportGrid(ViewportContext context) {
        this.context = context;
        getStyleClass().add("viewport-grid");
        setHgap(2);
        setVgap(2);
        arrange(Layout.ONE);
    }

    public Layout currentLayout() { return layout; }

    /** Called with (slot, series instance UID) when a series is dropped on a slot. */
    public void setOnSeriesDropped(BiConsumer<Integer, String> handler) {
        onSeriesDropped = handler;
    }

    public int activeSlot() { return active; }

    /** The viewport in a slot, if one is there. */
    public Optional<SliceViewport> viewport(int slot) {
        return slot < slots.size() ? Optional.ofNullable(slots.get(slot).viewport) : Optional.empty();
    }

    public Optional<SliceViewport> activeViewport() {
        return viewport(active);
    }

    /** Switches layout, keeping the viewports that still fit (MPR's linked views are taken apart). */
    public void setLayout(Layout next) {
        if (layout == Layout.MPR && next != Layout.MPR) {
            unlinkMpr();
        }
        arrange(next);
    }

    /** Shows a view in a slot, replacing (and disposing) what was there. */
    public void show(int slot, ViewportState state) {
        Slot s = slots.get(Math.clamp(slot, 0, slots.size() - 1));
        s.set(new SliceViewport(state, context));
        activate(slots.indexOf(s));
    }

    /** Shows the volume in MPR: acquired plane, then the two reformats, one crosshair, one window. */
    public void showMpr(Volume volume, DisplaySettings display, int focusSlice) {
        arrange(Layout.MPR);
        ViewPlane stored = ViewPlane.stored(volume.geometry());
        Crosshair crosshair = new Crosshair(stored.center(focusSlice));
        LinkedDisplay window = new LinkedDisplay();
        PlaneAxis[] axes = {PlaneAxis.SLICES, PlaneAxis.ROWS, PlaneAxis.COLUMNS};
        for (int i = 0; i < axes.length; i++) {
            ViewPlane plane = ViewPlane.of(volume.geometry(), axes[i]);
            ViewportState state = new ViewportState(volume, plane, display, plane.nearestIndex(crosshair.point()));
            slots.get(i).set(new SliceViewport(state, context));
            SliceViewport viewport = slots.get(i).viewport;
            crosshair.attach(state);
            window.attach(state);
            viewport.setCrosshair(crosshair);
        }
        crosshair.addListener(context::redrawGraphics);
        activate(0);
    }

    /**
     * Empties every slot (disposing its view) and shows {@code message} there instead: a study is
     * closing, opening, or has nothing to show. No view is active afterwards.
     */
    public void clear(String message) {
        for (Slot s : slots) {
            s.clear(message);
        }
        context.activeProperty().set(null);
        markPatients();
    }

    /** Empties one slot at once, saying what is coming ("Loading …"), so the previous image never sits under the next one's name. */
    public void showMessage(int slot, String message) {
        Slot s = slots.get(Math.clamp(slot, 0, slots.size() - 1));
        boolean wasActive = s.viewport != null && context.activeProperty().get() == s.viewport;
        s.clear(message);
        if (wasActive) {
            context.activeProperty().set(null);
        }
        markPatients();
    }

    /**
     * Empties the slots whose view matches {@code which}, showing {@code message} there; the first view
     * left becomes active (none: no view is active). Returns how many views were closed.
     */
    public int close(Predicate<SliceViewport> which, String message) {
        int closed = 0;
        for (Slot s : slots) {
            if (s.viewport != null && which.test(s.viewport)) {
                s.clear(message);
                closed++;
            }
        }
        if (closed > 0) {
            int first = -1;
            for (int i = 0; i < slots.size() && first < 0; i++) {
                first = slots.get(i).viewport != null ? i : -1;
            }
            if (first >= 0) {
                activate(first);
            } else {
                context.activeProperty().set(null);
            }
            markPatients();
        }
        return closed;
    }

    /** The text of a slot's header strip, or of its placeholder when it is empty (what a test or a screenshot reads). */
    public String slotText(int slot) {
        if (slot >= slots.size()) {
            return "";
        }
        Slot s = slots.get(slot);
        return s.viewport != null ? s.header.getText() : s.placeholder.getText();
    }

    /** "NAME  ·  ID …": the patient a view shows (short, so the ID stays readable in a small view). */
    public static String patientLine(SliceViewport v) {
        InstanceHeader h = v.state().volume().frame(0).instance();
        String name = h.patient().name() == null || h.patient().name().isBlank() ? "(no patient name)" : h.patient().name();
        String id = h.patient().id() == null || h.patient().id().isBlank() ? "no patient ID" : "ID " + h.patient().id();
        return name + "  ·  " + id;
    }

    /** The header's tooltip: the patient, then the study (date, description, accession). */
    private static String patientAndStudy(SliceViewport v) {
        InstanceHeader h = v.state().volume().frame(0).instance();
        String study = String.join(" ", nz(h.study().date()), nz(h.study().description())).strip();
        String accession = nz(h.study().accessionNumber()).isBlank() ? "" : "\nAccession " + h.study().accessionNumber();
        return patientLine(v) + (study.isEmpty() ? "" : "\n" + study) + accession;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String patientKey(SliceViewport v) {
        InstanceHeader h = v.state().volume().frame(0).instance();
        return nz(h.patient().name()) + "|" + nz(h.patient().id());
    }

    /** Colours the header strips by patient when more than one patient is on screen. */
    private void markPatients() {
        List<String> patients = new ArrayList<>();
        for (Slot s : slots) {
            if (s.viewport != null && !patients.contains(patientKey(s.viewport))) {
                patients.add(patientKey(s.viewport));
            }
        }
        boolean several = patients.size() > 1;
        for (Slot s : slots) {
            s.header.getStyleClass().removeIf(c -> c.startsWith("patient-"));
            s.header.pseudoClassStateChanged(SEVERAL_PATIENTS, several && s.viewport != null);
            if (several && s.viewport != null) {
                s.header.getStyleClass().add("patient-" + patients.indexOf(patientKey(s.viewport)) % 4);
            }
        }
    }

    private void unlinkMpr() {
        for (Slot s : slots) {
            if (s.viewport != null) {
                s.viewport.setCrosshair(null);
            }
        }
    }

    private void arrange(Layout next) {
        List<SliceViewport> keep = new ArrayList<>();
        for (Slot s : slots) {
            if (s.viewport != null) {
                keep.add(s.viewport);
                context.onScreen().remove(s.viewport);
                context.scrolling().detach(s.viewport.state());
            }
        }
        getChildren().clear();
        getRowConstraints().clear();
        getColumnConstraints().clear();
        slots.clear();
        layout = next;
        int rows = next.rows;
        int columns = next.columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(next == Layout.MPR ? (c == 0 ? 62 : 38) : 100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        for (int i = 0; i < next.slots(); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            if (next == Layout.MPR) {
                add(slot, i == 0 ? 0 : 1, i == 0 ? 0 : i - 1, 1, i == 0 ? 2 : 1);
            } else {
                add(slot, i % columns, i / columns);
            }
        }
        for (int i = 0; i < keep.size(); i++) {
            if (i < slots.size() && next != Layout.MPR) {
                slots.get(i).set(keep.get(i));
            } else {
                retire(keep.get(i));
            }
        }
        activate(Math.min(active, slots.size() - 1));
        markPatients();
    }

    private void activate(int slot) {
        active = slot;
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).pseudoClassStateChanged(ACTIVE, i == slot);
        }
        activeViewport().ifPresent(v -> {
            context.activeProperty().set(v);
            v.requestFocus();
        });
    }

    private void retire(SliceViewport v) {
        context.onScreen().remove(v);
        context.scrolling().detach(v.state());
        if (context.cine().playingProperty().get()) {
            context.cine().stop();
        }
        v.dispose();
    }

    private static final javafx.css.PseudoClass ACTIVE = javafx.css.PseudoClass.getPseudoClass("active");
    private static final javafx.css.PseudoClass SEVERAL_PATIENTS = javafx.css.PseudoClass.getPseudoClass("several-patients");

    /** One cell of the grid: a viewport, or an invitation to drop a series. */
    private final class Slot extends StackPane {
        private final int index;
        private final Label header = new Label();
        private final Label placeholder = new Label("Drop a series here");
        private SliceViewport viewport;

        Slot(int index) {
            this.index = index;
            getStyleClass().add("viewport-slot");
            setMinSize(80, 80);
            setPadding(new Insets(1));
            header.getStyleClass().add("viewport-patient");
            header.setMaxWidth(Double.MAX_VALUE);
            header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            placeholder.getStyleClass().add("placeholder");
            placeholder.setWrapText(true);
            empty("Drop a series here");
            setOnDragOver(e -> {
                if (e.getDragboard().hasContent(SeriesBrowser.SERIES_FORMAT)) {
                    e.acceptTransferModes(TransferMode.COPY, TransferMode.MOVE, TransferMode.LINK);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                Object uid = e.getDragboard().getContent(SeriesBrowser.SERIES_FORMAT);
                boolean ok = uid instanceof String;
                if (ok) {
                    activate(index);
                    onSeriesDropped.accept(index, (String) uid);
                }
                e.setDropCompleted(ok);
                e.consume();
            });
            addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> activate(index));
        }

        void set(SliceViewport v) {
            if (viewport != null && viewport != v) {
                retire(viewport);
            }
            viewport = v;
            header.setText(patientLine(v));
            header.setTooltip(new javafx.scene.control.Tooltip(patientAndStudy(v)));
            VBox framed = new VBox(header, v);
            VBox.setVgrow(v, Priority.ALWAYS);
            getChildren().setAll(framed);
            context.onScreen().add(v);
            context.scrolling().attach(v.state());
            context.redrawGraphics();
            markPatients();
        }

        /** Disposes the view (if any) and shows {@code message} instead. */
        void clear(String message) {
            if (viewport != null) {
                viewport.setCrosshair(null);
                retire(viewport);
                viewport = null;
            }
            empty(message);
        }

        private void empty(String message) {
            header.setText("");
            placeholder.setText(message);
            getChildren().setAll(placeholder);
        }
    }
}
