// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;

/**
 * A left-button tool contributed by a module above the viewer (annotation's brush, polygon, fill):
 * the viewport hands it the view and the plane pixel under the pointer (centres at integers), and
 * lets it draw its cursor or its contour in progress over the image. It is a {@link Tool}, chosen in the
 * viewport context like the viewer's own; it does not measure unless it says so.
 */
public non-sealed interface PlaneTool extends Tool {

    @Override
    default boolean measures() { return false; }

    void pressed(ViewportState view, double x, double y, MouseEvent event);

    void dragged(ViewportState view, double x, double y, MouseEvent event);

    void released(ViewportState view, double x, double y, MouseEvent event);

    /** The pointer moved with no button down (cursor preview). */
    default void moved(ViewportState view, double x, double y) { }

    /** Escape: drop whatever is in progress; true if there was something. */
    default boolean cancel() { return false; }

    /** Draws the tool's cursor or work in progress, in screen space, over the view it is in. */
    default void draw(GraphicsContext g, ViewportState view, ScreenMapping mapping) { }
}
