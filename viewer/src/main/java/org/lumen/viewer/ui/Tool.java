// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

/**
 * What the left mouse button does in a viewport: one of the viewer's own tools ({@link ViewportTool},
 * picked by its key from the one shortcut table) or one a module above contributes ({@link PlaneTool},
 * annotation's brush, contour, fill, box …). A viewport context has one tool at a time.
 */
public sealed interface Tool permits ViewportTool, PlaneTool {

    /** What the status bar and menus call it, e.g. "Length" or "Brush". */
    String label();

    /** Whether the left button makes measurements with it (length, angle, the ROIs); said by each tool, not by its place in a list. */
    boolean measures();
}
