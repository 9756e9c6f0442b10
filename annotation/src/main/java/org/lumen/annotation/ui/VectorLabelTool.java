// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.edit.VectorLabelPlacement;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Draws boxes, points or lines of the active class on any plane, in patient mm: drag from corner
 * to corner (box) or end to end (line), click for a point. Pressing on a handle of an existing label
 * drags that handle instead; clicking a label selects it. Every finished shape or handle move is one
 * undoable step, saved like a brush stroke. Escape drops the shape in progress.
 */
public final class VectorLabelTool implements PlaneTool {

    /** The shape a drag on empty image makes. */
    public enum Shape { BOX, POINT, LINE }

    /** Handles are grabbed within this many screen pixels. */
    private static final double GRAB_PX = 7;
    /** A box or line shorter than this on screen is a slip of the hand, not a label. */
    private static final double MIN_DRAG_PX = 3;

    private final AnnotationSession session;
    private final Shape shape;
    private final Consumer<UUID> select;
    private ViewportState view;
    private Vec3 start;
    private VectorLabel draft;
    private VectorLabelPlacement.Handle grabbed;
    private double pressX;
    private double pressY;
    /** Screen pixels per plane pixel of each view, learnt when it is drawn: grabbing is judged on screen. */
    private final Map<ViewportState, Double> screenScales = new WeakHashMap<>();

    /** @param select told which label the user picked or made (null: none) */
    public VectorLabelTool(AnnotationSession session, Shape shape, Consumer<UUID> select) {
        this.session = session;
        this.shape = shape;
        this.select = select;
    }

    @Override
    public String label() {
        return switch (shape) {
            case BOX -> "Box";
            case POINT -> "Point";
            case LINE -> "Line";
        };
    }

    @Override
    public void pressed(ViewportState v, double x, double y, MouseEvent event) {
        if (v.volume() != session.volume()) {
            return;
        }
        view = v;
        pressX = x;
        pressY = y;
        double tolerance = GRAB_PX / screenScale(v);
        var labels = session.objects().vectorLabels();
        Optional<VectorLabelPlacement.Handle> handle = VectorLabelPlacement.handleAt(labels, v.plane(), v.index(), x, y, tolerance);
        if (handle.isPresent()) {
            grabbed = handle.get();
            draft = grabbed.label();
            select.accept(draft.id());
            return;
        }
        Optional<VectorLabel> hit = VectorLabelPlacement.labelAt(labels, v.plane(), v.index(), x, y, tolerance);
        if (hit.isPresent()) {
            select.accept(hit.get().id());
            view = null;
            return;
        }
        start = v.plane().toPatient(x, y, v.index());
        draft = shape == Shape.POINT ? PointLabel.of(session.frameOfReferenceUid(), session.seriesUid(), className(), start) : null;
    }

    @Override
    public void dragged(ViewportState v, double x, double y, MouseEvent event) {
        if (v != view) {
            return;
        }
        Vec3 here = v.plane().toPatient(x, y, v.index());
        if (grabbed != null) {
            draft = grabbed.label().moved(grabbed.index(), here);
        } else if (shape == Shape.POINT) {
            draft = PointLabel.of(session.frameOfReferenceUid(), session.seriesUid(), className(), here);
        } else if (Math.hypot(x - pressX, y - pressY) * screenScale(v) >= MIN_DRAG_PX) {
            draft = shape == Shape.BOX
                    ? BoxLabel.onPlane(session.frameOfReferenceUid(), session.seriesUid(), className(), v.plane(), start, here)
                    : LineLabel.of(session.frameOfReferenceUid(), session.seriesUid(), className(), start, here);
        }
    }

    @Override
    public void released(ViewportState v, double x, double y, MouseEvent event) {
        if (v == view && draft != null) {
            if (grabbed != null) {
                session.objects().replace(draft);
            } else {
                session.objects().add(draft);
            }
            select.accept(draft.id());
        }
        reset();
    }

    @Override
    public boolean cancel() {
        boolean had = draft != null;
        reset();
        return had;
    }

    @Override
    public void draw(GraphicsContext g, ViewportState v, ScreenMapping mapping) {
        screenScales.put(v, mapping.screenPixelsPerImagePixel(v.plane()));
        if (v == view && draft != null) {
            int rgb = session.classNamed(draft.labelClass()).map(c -> c.rgb()).orElse(VectorLabelLayer.NO_CLASS_RGB);
            VectorLabelPainter.draw(g, rgb, draft, v, mapping, VectorLabelPainter.Style.DRAFT);
        }
    }

    /** The shape being drawn or dragged, for tests and the panel; empty between drags. */
    Optional<VectorLabel> draft() {
        return Optional.ofNullable(draft);
    }

    private double screenScale(ViewportState v) {
        return screenScales.getOrDefault(v, 1.0);
    }

    private String className() {
        return session.activeClass().map(c -> c.name()).orElse("Other");
    }

    private void reset() {
        view = null;
        start = null;
        draft = null;
        grabbed = null;
    }
}
