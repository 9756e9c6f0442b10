// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.Optional;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.measure.PlaneTolerance;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Draws and edits measurements with the mouse, in patient millimetres. Length, ellipse and
 * rectangle: press at one end, drag, release. Angle: drag the first arm, release, then click the
 * end of the second arm. Pressing on a handle of a measurement on this plane drags that handle.
 */
final class MeasurementTool {

    private static final double HANDLE_PX = 7;
    private static final double MIN_DRAG_PX = 3;

    private final SliceViewport viewport;
    private Measurement draft;
    private boolean angleSecondArm;
    private UUID editing;
    private int editingHandle = -1;
    private UUID lastTouched;
    private double pressX;
    private double pressY;

    MeasurementTool(SliceViewport viewport) {
        this.viewport = viewport;
    }

    /** The measurement being drawn, for the graphics layer. */
    Optional<Measurement> draft() {
        return Optional.ofNullable(draft);
    }

    void press(ViewportTool tool, double sx, double sy, int clicks) {
        pressX = sx;
        pressY = sy;
        Vec3 p = patient(sx, sy);
        if (draft instanceof AngleMeasurement angle && angleSecondArm) {
            commit(new AngleMeasurement(angle.id(), angle.frameOfReferenceUid(), angle.seriesInstanceUid(), angle.a(), angle.vertex(), p));
            return;
        }
        if (grabHandle(sx, sy)) {
            return;
        }
        String frame = state().volume().frame(0).instance().series().frameOfReferenceUid();
        String series = state().volume().frame(0).instance().series().seriesInstanceUid();
        draft = switch (tool) {
            case LENGTH -> LengthMeasurement.of(frame, series, p, p);
            case ANGLE -> AngleMeasurement.of(frame, series, p, p, p);
            case ELLIPSE -> EllipseRoi.of(frame, series, p, p, state().plane().right(), state().plane().down());
            case RECTANGLE -> RectangleRoi.of(frame, series, p, p, state().plane().right(), state().plane().down());
            default -> null;
        };
        changed();
    }

    void drag(double sx, double sy) {
        Vec3 p = patient(sx, sy);
        if (editing != null) {
            measurements().get(editing).ifPresent(m -> measurements().replace(m.moved(editingHandle, p)));
            return;
        }
        if (draft != null) {
            draft = draft instanceof AngleMeasurement a && !angleSecondArm ? a.moved(1, p).moved(2, p) : draft.moved(1, p);
            changed();
        }
    }

    /** Moves the free end of an angle's second arm with the pointer. */
    void hover(double sx, double sy) {
        if (draft instanceof AngleMeasurement a && angleSecondArm) {
            draft = a.moved(2, patient(sx, sy));
            changed();
        }
    }

    void release(double sx, double sy) {
        if (editing != null) {
            editing = null;
            editingHandle = -1;
            return;
        }
        if (draft == null) {
            return;
        }
        drag(sx, sy); // the release point is the end point even if no drag event arrived in between
        boolean dragged = Math.hypot(sx - pressX, sy - pressY) >= MIN_DRAG_PX;
        if (!dragged) {
            cancel();
        } else if (draft instanceof AngleMeasurement) {
            angleSecondArm = true;
        } else {
            commit(draft);
        }
    }

    /** Drops the measurement being drawn; false when there was none. */
    boolean cancel() {
        boolean had = draft != null;
        draft = null;
        angleSecondArm = false;
        changed();
        return had;
    }

    /** Deletes the measurement last drawn or edited. */
    void deleteLast() {
        if (lastTouched != null) {
            measurements().remove(lastTouched);
            lastTouched = null;
        }
    }

    private void commit(Measurement m) {
        draft = null;
        angleSecondArm = false;
        measurements().add(m);
        lastTouched = m.id();
    }

    private boolean grabHandle(double sx, double sy) {
        var mapping = viewport.mapping();
        if (mapping == null) {
            return false;
        }
        for (Measurement m : viewport.context().measurements().all()) {
            if (!PlaneTolerance.liesOn(m, state().plane(), state().index())) {
                continue;
            }
            for (int h = 0; h < m.points().size(); h++) {
                double[] xy = state().plane().toPlane(m.points().get(h));
                double[] s = mapping.pixelCenterToScreen(xy[0], xy[1]);
                if (Math.hypot(s[0] - sx, s[1] - sy) <= HANDLE_PX) {
                    editing = m.id();
                    editingHandle = h;
                    lastTouched = m.id();
                    return true;
                }
            }
        }
        return false;
    }

    private Vec3 patient(double sx, double sy) {
        double[] p = viewport.toPixel(sx, sy);
        return state().plane().toPatient(p[0], p[1], state().index());
    }

    private ViewportState state() {
        return viewport.state();
    }

    private MeasurementSet measurements() {
        return viewport.context().measurements();
    }

    private void changed() {
        viewport.redrawGraphics();
    }
}
