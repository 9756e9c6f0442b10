// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.lumen.aiassist.findings.FindingBox;
import org.lumen.aiassist.findings.FindingDecision;
import org.lumen.viewer.ui.PlaneDecoration;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.Volume;

/**
 * A run's finding boxes drawn over the images of the series it ran on, in every view (they follow pan,
 * zoom, rotation and reformats as the image does): yellow while no decision is taken, green when
 * accepted, red and dashed when rejected, orange when uncertain; the selected finding thick with its rank
 * and score, and findings below the site's operating point faint. A click on a box picks its finding and is the box's
 * alone (the viewport's tool never sees it); a drag that begins on a box is the tool's, as is every press while the reader
 * is drawing (decision 0040).
 */
public final class FindingBoxLayer implements PlaneDecoration {

    static final Color PENDING = Color.web("#ffd400");
    static final Color ACCEPTED = Color.web("#3cdc50");
    static final Color REJECTED = Color.web("#ff4040");
    static final Color UNCERTAIN = Color.web("#ff9800");
    /** A box smaller than this on screen is drawn this size about its centre, so a one-pixel finding stays visible. */
    public static final double MIN_SCREEN_SIZE = 10;
    /** How far outside a box a click still picks it, in screen pixels. */
    private static final double PICK_MARGIN = 4;

    private final Volume volume;
    private final List<FindingBox> boxes;
    private final IntFunction<FindingDecision> decisionOf;
    private final IntSupplier selectedRank;
    private final IntPredicate faint;
    private final IntFunction<String> caption;
    private final IntConsumer onPick;
    private final EventHandler<MouseEvent> onPress = this::pressed;
    private final EventHandler<MouseEvent> onDrag = this::dragged;
    private final EventHandler<MouseEvent> onRelease = this::released;
    /** A left press on a box, held back from the viewport's tool until the pointer moves: a click then only picks. */
    private MouseEvent held;
    private SliceViewport heldIn;
    /** True while a held press is handed to the tool after all (the pointer moved: a drag that began on a box). */
    private boolean replaying;
    private final ListChangeListener<SliceViewport> onViewports = c -> {
        while (c.next()) {
            c.getRemoved().forEach(this::unhook);
            c.getAddedSubList().forEach(this::hook);
        }
    };
    private ViewportContext attachedTo;

    /**
     * @param decisionOf   a finding's decision by rank, null while none is taken
     * @param selectedRank the selected finding's rank, 0 for none
     * @param faint        whether a finding (by rank) scores below the site's operating point
     * @param caption      the text beside the selected box (rank and score)
     * @param onPick       called with a finding's rank when a click lands on its box
     */
    public FindingBoxLayer(Volume volume, List<FindingBox> boxes, IntFunction<FindingDecision> decisionOf, IntSupplier selectedRank,
                           IntPredicate faint, IntFunction<String> caption, IntConsumer onPick) {
        this.volume = volume;
        this.boxes = List.copyOf(boxes);
        this.decisionOf = decisionOf;
        this.selectedRank = selectedRank;
        this.faint = faint;
        this.caption = caption;
        this.onPick = onPick;
    }

    public Volume volume() { return volume; }

    public List<FindingBox> boxes() { return boxes; }

    /** Draws on every view of {@code context} and picks by click there, until {@link #detach()}. */
    public void attach(ViewportContext context) {
        detach();
        attachedTo = context;
        context.decorations().add(this);
        context.onScreen().forEach(this::hook);
        context.onScreen().addListener(onViewports);
    }

    /** Takes the boxes off the views. */
    public void detach() {
        if (attachedTo != null) {
            attachedTo.decorations().remove(this);
            attachedTo.onScreen().removeListener(onViewports);
            attachedTo.onScreen().forEach(this::unhook);
            attachedTo = null;
        }
    }

    // Filters, not handlers: they see the press before the viewport's own input handler does, and can keep it from the tool.
    private void hook(SliceViewport v) {
        v.addEventFilter(MouseEvent.MOUSE_PRESSED, onPress);
        v.addEventFilter(MouseEvent.MOUSE_DRAGGED, onDrag);
        v.addEventFilter(MouseEvent.MOUSE_RELEASED, onRelease);
    }

    private void unhook(SliceViewport v) {
        v.removeEventFilter(MouseEvent.MOUSE_PRESSED, onPress);
        v.removeEventFilter(MouseEvent.MOUSE_DRAGGED, onDrag);
        v.removeEventFilter(MouseEvent.MOUSE_RELEASED, onRelease);
        if (heldIn == v) {
            held = null;
            heldIn = null;
        }
    }

    /**
     * A left press on a box is held back from the tool, unless the reader is clearly drawing (decision 0040): a labelling
     * tool holds the left button, a measurement is half drawn (an angle waiting for its second arm), or a modifier key is
     * down (Shift pans).
     */
    private void pressed(MouseEvent e) {
        if (replaying || e.getButton() != MouseButton.PRIMARY || e.isShiftDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()
                || !(e.getSource() instanceof SliceViewport v) || v.mapping() == null || attachedTo == null
                || attachedTo.planeTool() != null || v.measurementInProgress() || rankAt(v.state(), v.mapping(), e.getX(), e.getY()) == 0) {
            return;
        }
        held = e;
        heldIn = v;
        v.requestFocus();
        attachedTo.activeProperty().set(v);
        e.consume();
    }

    /** Still within a click's hysteresis: nothing for the tool yet. Past it: a drag that began on a box, the tool's after all. */
    private void dragged(MouseEvent e) {
        if (held == null || e.getSource() != heldIn) {
            return;
        }
        if (e.isStillSincePress()) {
            e.consume();
            return;
        }
        MouseEvent press = held;
        SliceViewport v = heldIn;
        held = null;
        heldIn = null;
        replaying = true;
        try {
            // The tool gets the press where it happened, then this drag: a measurement starts on the box, a pan moves by all of it.
            Event.fireEvent(v, press.copyFor(v, v));
        } finally {
            replaying = false;
        }
    }

    /** The release of a held press: a click on a box, which selects its finding and nothing else. */
    private void released(MouseEvent e) {
        if (held == null || e.getSource() != heldIn) {
            return;
        }
        SliceViewport v = heldIn;
        MouseEvent press = held;
        held = null;
        heldIn = null;
        e.consume();
        if (v.mapping() != null) {
            int rank = rankAt(v.state(), v.mapping(), press.getX(), press.getY());
            if (rank > 0) {
                onPick.accept(rank);
            }
        }
    }

    /** A box's corners on screen {x0, y0, x1, y1} in this view, or null when the view's plane does not cut it. */
    public double[] onScreen(FindingBox box, ViewportState view, ScreenMapping m) {
        if (view.volume() != volume) {
            return null;
        }
        FindingBox.OnPlane p = box.on(view.plane(), view.index());
        if (p == null) {
            return null;
        }
        double[] a = m.pixelCenterToScreen(p.x0(), p.y0());
        double[] b = m.pixelCenterToScreen(p.x1(), p.y1());
        double[] r = {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])};
        for (int axis = 0; axis < 2; axis++) {
            double size = r[axis + 2] - r[axis];
            if (size < MIN_SCREEN_SIZE) {
                double grow = (MIN_SCREEN_SIZE - size) / 2;
                r[axis] -= grow;
                r[axis + 2] += grow;
            }
        }
        return r;
    }

    /** The rank of the smallest box under a screen position in this view, 0 when none. */
    public int rankAt(ViewportState view, ScreenMapping m, double sx, double sy) {
        int best = 0;
        double bestArea = Double.POSITIVE_INFINITY;
        for (FindingBox box : boxes) {
            double[] r = onScreen(box, view, m);
            if (r != null && sx >= r[0] - PICK_MARGIN && sx <= r[2] + PICK_MARGIN && sy >= r[1] - PICK_MARGIN && sy <= r[3] + PICK_MARGIN) {
                double area = (r[2] - r[0]) * (r[3] - r[1]);
                if (area < bestArea) {
                    bestArea = area;
                    best = box.rank();
                }
            }
        }
        return best;
    }

    /** The box of a finding, or null when the run gave it none. */
    public FindingBox box(int rank) {
        return boxes.stream().filter(b -> b.rank() == rank).findFirst().orElse(null);
    }

    /**
     * Brings a finding's box into a view of its series: to the plane nearest its middle, and, when the
     * box is not wholly on screen at the view's zoom, panned so that its centre is the view's centre.
     *
     * @return false when the view shows another series or the run gave the finding no box
     */
    public boolean reveal(SliceViewport v, int rank) {
        FindingBox box = box(rank);
        ViewportState state = v.state();
        if (box == null || state.volume() != volume) {
            return false;
        }
        state.showSlice(box.nearestIndex(state.plane()));
        state.setTransform(centred(state, box, v.getWidth(), v.getHeight()));
        return true;
    }

    /** The view's transform, panned to centre the box when it is not wholly inside a view of this size; else unchanged. */
    public static org.lumen.viewer.viewport.ViewTransform centred(ViewportState state, FindingBox box, double width, double height) {
        var t = state.transform();
        FindingBox.OnPlane p = box.on(state.plane(), box.nearestIndex(state.plane()));
        if (p == null || !(width > 0) || !(height > 0)) {
            return t;
        }
        ScreenMapping m = ScreenMapping.of(state.plane(), t, width, height);
        double[] a = m.pixelCenterToScreen(p.x0(), p.y0());
        double[] b = m.pixelCenterToScreen(p.x1(), p.y1());
        boolean inside = Math.min(a[0], b[0]) >= 0 && Math.max(a[0], b[0]) <= width && Math.min(a[1], b[1]) >= 0
                && Math.max(a[1], b[1]) <= height;
        if (inside) {
            return t;
        }
        double[] c = m.pixelCenterToScreen(p.centreX(), p.centreY());
        return t.panBy(width / 2 - c[0], height / 2 - c[1]);
    }

    /** The colour a finding's box is drawn in, by its decision. */
    static Color colourOf(FindingDecision d) {
        if (d == null) {
            return PENDING;
        }
        return switch (d) {
            case ACCEPT -> ACCEPTED;
            case REJECT -> REJECTED;
            case UNCERTAIN -> UNCERTAIN;
        };
    }

    @Override
    public void draw(GraphicsContext g, ViewportState view, ScreenMapping m) {
        if (view.volume() != volume) {
            return;
        }
        int selected = selectedRank.getAsInt();
        double[] chosen = null;
        // Ranks of boxes packed together (a calcification cluster's specks) would print over each other: the first wins.
        List<double[]> labelled = new java.util.ArrayList<>();
        g.save();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        for (FindingBox box : boxes) {
            double[] r = onScreen(box, view, m);
            if (r == null) {
                continue;
            }
            if (box.rank() == selected) {
                chosen = r; // drawn last, on top
                continue;
            }
            FindingDecision d = decisionOf.apply(box.rank());
            Color c = colourOf(d);
            g.setStroke(faint.test(box.rank()) ? c.deriveColor(0, 1, 1, 0.45) : c);
            g.setLineWidth(1.5);
            g.setLineDashes(d == FindingDecision.REJECT ? new double[] {5, 4} : null);
            g.strokeRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
            g.setLineDashes((double[]) null);
            String text = String.valueOf(box.rank());
            double[] where = {r[0], r[1] - 14, r[0] + 7 * text.length() + 2, r[1]};
            if (labelled.stream().noneMatch(l -> where[0] < l[2] && l[0] < where[2] && where[1] < l[3] && l[1] < where[3])) {
                labelled.add(where);
                label(g, text, r, c);
            }
        }
        if (chosen != null) {
            Color c = colourOf(decisionOf.apply(selected));
            // A dark rim under a thick line keeps the selected box legible over bright tissue.
            g.setLineDashes((double[]) null);
            g.setStroke(Color.BLACK);
            g.setLineWidth(5);
            g.strokeRect(chosen[0] - 2, chosen[1] - 2, chosen[2] - chosen[0] + 4, chosen[3] - chosen[1] + 4);
            g.setStroke(c);
            g.setLineWidth(3);
            g.strokeRect(chosen[0] - 2, chosen[1] - 2, chosen[2] - chosen[0] + 4, chosen[3] - chosen[1] + 4);
            label(g, caption.apply(selected), new double[] {chosen[0] - 2, chosen[1] - 4, chosen[2], chosen[3]}, c);
        }
        g.restore();
    }

    private static void label(GraphicsContext g, String text, double[] r, Color c) {
        g.setStroke(Color.BLACK);
        g.setLineWidth(3);
        g.strokeText(text, r[0], r[1] - 2);
        g.setFill(c);
        g.fillText(text, r[0], r[1] - 2);
    }

    /** A finding's caption: "3  0.87". */
    public static String caption(int rank, double score) {
        return String.format(Locale.ROOT, "%d  %.2f", rank, score);
    }
}
