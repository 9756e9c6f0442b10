// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

/**
 * One line of the keyboard reference: the keys as a reader types them and what they do. The enums that
 * implement it ({@link ViewportKey}, {@link ViewportTool}, the labelling and window keys) are also what
 * the key handlers and menus bind, so the F1 sheet is generated from the bindings themselves.
 */
public interface Shortcut {

    /** The keys, e.g. "R / Shift+R" or "Ctrl+1". */
    String keys();

    /** What they do, in a few words, e.g. "rotate 90° clockwise / anticlockwise". */
    String action();
}
