// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.scene.canvas.GraphicsContext;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Vector graphics a module above the viewer keeps on every view (annotation's boxes, points and
 * lines), drawn in screen space after the measurements and before the active tool's work in progress.
 * Drawn on the FX thread at every redraw: keep it cheap, and call
 * {@link ViewportContext#redrawGraphics()} when what it draws changes.
 */
@FunctionalInterface
public interface PlaneDecoration {

    void draw(GraphicsContext g, ViewportState view, ScreenMapping mapping);
}
