// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.lumen.viewer.overlay.HeatmapProbe;
import org.lumen.viewer.viewport.PixelProbe;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Mouse and keyboard of one viewport. Wheel scrolls (Ctrl+wheel zooms at the cursor); the left
 * button runs the active tool, the right button sets window/level, the middle button (or
 * Shift+left) pans. Keys: arrows/Page/Home/End scroll, 1–9 presets and Shift+1–9 the file's own
 * windows ({@link org.lumen.viewer.render.WindowPresets}), I invert, H overlays, F fit,
 * O one-to-one, R / Shift+R rotate, [ and ] flip, 0 reset, S/Shift+S thicker/thinner MIP slab,
 * C cine, +/- cine rate, V heatmaps on/off, L labels on/off, Ctrl+1/2/3 stored/row/column planes, tool keys from {@link ViewportTool}.
 */
final class ViewportInput {

    private static final double WHEEL_ZOOM = 1.1;
    private static final double DRAG_STEP_PX = 4;

    private final SliceViewport viewport;
    private final ViewportState state;
    private final MeasurementTool measuring;
    private double lastX;
    private double lastY;
    private double dragRemainder;
    private boolean pointerInside;
    private double pointerX;
    private double pointerY;

    ViewportInput(SliceViewport viewport, MeasurementTool measuring) {
        this.viewport = viewport;
        this.state = viewport.state();
        this.measuring = measuring;
        viewport.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        viewport.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        viewport.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            pointerAt(e.getX(), e.getY());
            measuring.hover(e.getX(), e.getY());
            PlaneTool tool = viewport.context().planeTool();
            if (tool != null) {
                double[] p = viewport.toPixel(e.getX(), e.getY());
                tool.moved(state, p[0], p[1]);
                viewport.redrawGraphics();
            }
            probe(e.getX(), e.getY());
        });
        viewport.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            pointerInside = false;
            viewport.showReading("");
            viewport.context().readingProperty().set(null);
        });
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        pointerAt(e.getX(), e.getY());
        if (e.isControlDown()) {
            state.zoomAt(e.getDeltaY() > 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM, e.getX(), e.getY(), viewport.getWidth(), viewport.getHeight());
        } else {
            state.scroll(e.getDeltaY() < 0 ? 1 : -1);
        }
        probe(e.getX(), e.getY());
        e.consume();
    }

    private void onPress(MouseEvent e) {
        viewport.requestFocus();
        viewport.context().activeProperty().set(viewport);
        lastX = e.getX();
        lastY = e.getY();
        pointerAt(e.getX(), e.getY());
        dragRemainder = 0;
        PlaneTool contributed = viewport.context().planeTool();
        if (contributed != null && isLeft(e) && !e.isShiftDown()) {
            double[] p = viewport.toPixel(e.getX(), e.getY());
            contributed.pressed(state, p[0], p[1], e);
            viewport.redrawGraphics();
        } else if (leftTool(e) == ViewportTool.CROSSHAIR) {
            moveCrosshair(e.getX(), e.getY());
        } else if (isLeft(e) && leftTool(e).measures()) {
            measuring.press(leftTool(e), e.getX(), e.getY(), e.getClickCount());
        }
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        pointerAt(e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY) {
            state.adjustWindow(dx, dy, viewport.getWidth(), viewport.getHeight());
        } else if (e.getButton() == MouseButton.MIDDLE || isLeft(e) && e.isShiftDown()) {
            state.setTransform(state.transform().panBy(dx, dy));
        } else if (isLeft(e) && viewport.context().planeTool() != null) {
            double[] p = viewport.toPixel(e.getX(), e.getY());
            viewport.context().planeTool().dragged(state, p[0], p[1], e);
            viewport.redrawGraphics();
        } else if (isLeft(e)) {
            switch (leftTool(e)) {
                case BROWSE -> {
                    dragRemainder += dy;
                    int steps = (int) (dragRemainder / DRAG_STEP_PX); // drag down to go forward through the stack
                    dragRemainder -= steps * DRAG_STEP_PX;
                    state.scroll(steps);
                }
                case WINDOW -> state.adjustWindow(dx, dy, viewport.getWidth(), viewport.getHeight());
                case PAN -> state.setTransform(state.transform().panBy(dx, dy));
                case ZOOM -> state.zoomAt(Math.pow(1.01, -dy), viewport.getWidth() / 2, viewport.getHeight() / 2,
                        viewport.getWidth(), viewport.getHeight());
                case CROSSHAIR -> moveCrosshair(e.getX(), e.getY());
                default -> measuring.drag(e.getX(), e.getY());
            }
        }
        probe(e.getX(), e.getY());
        e.consume();
    }

    private void onRelease(MouseEvent e) {
        PlaneTool contributed = viewport.context().planeTool();
        if (isLeft(e) && contributed != null) {
            double[] p = viewport.toPixel(e.getX(), e.getY());
            contributed.released(state, p[0], p[1], e);
            viewport.redrawGraphics();
        } else if (isLeft(e) && leftTool(e).measures()) {
            measuring.release(e.getX(), e.getY());
        }
    }

    /** The viewer's own tool: what the left button does when no contributed tool takes it (or Shift is held). */
    private ViewportTool leftTool(MouseEvent e) {
        return viewport.context().viewerTool();
    }

    private static boolean isLeft(MouseEvent e) {
        return e.getButton() == MouseButton.PRIMARY;
    }

    private void moveCrosshair(double sx, double sy) {
        if (viewport.crosshair() == null) {
            return;
        }
        double[] p = viewport.toPixel(sx, sy);
        viewport.crosshair().moveTo(state.plane().toPatient(p[0], p[1], state.index()));
    }

    private void pointerAt(double sx, double sy) {
        pointerInside = true;
        pointerX = sx;
        pointerY = sy;
    }

    /**
     * Reads the pixel under the resting pointer again: the viewport calls this on every repaint, so
     * the readout follows a slice change by key or cine, and a slice that finishes loading.
     */
    void refreshReading() {
        if (pointerInside) {
            probe(pointerX, pointerY);
        }
    }

    private void probe(double sx, double sy) {
        double[] p = viewport.toPixel(sx, sy);
        var reading = PixelProbe.read(state, p[0], p[1]);
        String heatmaps = HeatmapProbe.describe(state, p[0], p[1], viewport.context().overlays().of(state.volume().plan().seriesUid()));
        viewport.showReading(reading.map(PixelProbe.Reading::describe).orElse("") + (heatmaps.isEmpty() ? "" : "  " + heatmaps));
        viewport.context().readingProperty().set(reading.orElse(null));
    }

    private void onKey(KeyEvent e) {
        if (handleKey(e)) {
            e.consume();
        }
    }

    private boolean handleKey(KeyEvent e) {
        ViewportKey key = ViewportKey.of(e);
        if (key == null) {
            return !e.isShortcutDown() && !e.isAltDown() && (toolKey(e.getCode()) || presetKey(e));
        }
        switch (key) {
            case SCROLL_BACK -> state.scroll(-1);
            case SCROLL_ON -> state.scroll(1);
            case PAGE_BACK -> state.scroll(-10);
            case PAGE_ON -> state.scroll(10);
            case FIRST -> state.showSlice(0);
            case LAST -> state.showSlice(state.plane().count() - 1);
            case INVERT -> state.toggleInvert();
            case OVERLAYS -> state.toggleOverlays();
            case FIT -> state.setTransform(state.transform().fitted());
            case ONE_TO_ONE -> state.showActualPixels(viewport.getWidth(), viewport.getHeight());
            case ROTATE -> state.setTransform(state.transform().rotateClockwise(e.isShiftDown() ? -1 : 1));
            case FLIP_HORIZONTALLY -> state.setTransform(state.transform().flipHorizontally());
            case FLIP_VERTICALLY -> state.setTransform(state.transform().flipVertically());
            case RESET -> state.resetView();
            case SLAB -> state.setSlab(e.isShiftDown() ? Math.max(1, state.slab() - 4) : state.slab() == 1 ? 5 : state.slab() + 4);
            case DELETE_LAST -> measuring.deleteLast();
            case CINE -> viewport.context().cine().toggle(state);
            case HEATMAPS -> viewport.context().overlays().toggleHeatmaps(state.volume().plan().seriesUid());
            case LABELS -> viewport.context().overlays().toggleLabels(state.volume().plan().seriesUid());
            case CINE_FASTER -> viewport.context().cine().changeRate(5);
            case CINE_SLOWER -> viewport.context().cine().changeRate(-5);
            case CANCEL -> {
                PlaneTool contributed = viewport.context().planeTool();
                boolean cancelled = contributed != null && contributed.cancel();
                viewport.redrawGraphics();
                return measuring.cancel() || cancelled;
            }
            case STORED_SLICES -> state.showPlane(PlaneAxis.SLICES);
            case ROW_REFORMAT -> state.showPlane(PlaneAxis.ROWS);
            case COLUMN_REFORMAT -> state.showPlane(PlaneAxis.COLUMNS);
        }
        return true;
    }

    private boolean toolKey(KeyCode code) {
        return ViewportTool.forKey(code).map(t -> {
            viewport.context().toolProperty().set(t);
            return true;
        }).orElse(false);
    }

    /** 1–9 the modality's fixed presets, Shift+1–9 the file's own windows; by key code, so Shift's "!" etc. do not matter. */
    private boolean presetKey(KeyEvent e) {
        int key = digit(e.getCode());
        if (key < 1) {
            return false;
        }
        return e.isShiftDown() ? state.applyFileWindow(key) : state.applyPreset(key);
    }

    /** The digit of a main-row or keypad digit key, -1 for other keys. */
    static int digit(KeyCode code) {
        if (code.getCode() >= KeyCode.DIGIT0.getCode() && code.getCode() <= KeyCode.DIGIT9.getCode()) {
            return code.getCode() - KeyCode.DIGIT0.getCode();
        }
        if (code.getCode() >= KeyCode.NUMPAD0.getCode() && code.getCode() <= KeyCode.NUMPAD9.getCode()) {
            return code.getCode() - KeyCode.NUMPAD0.getCode();
        }
        return -1;
    }
}
