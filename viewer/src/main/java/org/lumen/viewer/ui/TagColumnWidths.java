// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.lumen.viewer.dicom.TagNode;

/** How wide the tag browser's Tag, Name and VR columns must be for what they show, in a given font. */
final class TagColumnWidths {

    /** Room the table keeps for its vertical scroll bar. */
    static final double SCROLL_BAR = 16;
    /** A cell's left and right padding (Modena: 0.166667em each side), the column border and a little air. */
    private static final double PADDING = 14;
    /** The disclosure arrow in front of every tag, and the indent per level of nesting (Modena's -fx-indent). */
    private static final double DISCLOSURE = 18;
    private static final double INDENT = 10;
    /** Names measured at most: a huge tree is fitted by its first rows, and stays quick. */
    private static final int MEASURED_NAMES = 5000;
    private static final double MIN_NAME = 80;

    private final Text probe = new Text();

    TagColumnWidths(Font font) {
        probe.setFont(font);
    }

    /** Every tag text has the same form, "(FFFE,E000)"; the column also holds the arrow and the indents. */
    double tag(int deepestLevel) {
        return Math.ceil(width("(FFFE,E000)") + PADDING + DISCLOSURE + deepestLevel * INDENT);
    }

    double vr() {
        return Math.ceil(Math.max(width("VR"), width("SQ")) + PADDING);
    }

    /** The widest name among {@code rows} and their descendants, but at most half of {@code room} (the rest is the value's). */
    double name(List<TagNode> rows, double room) {
        double widest = width("Name");
        Deque<TagNode> todo = new ArrayDeque<>(rows);
        int measured = 0;
        while (!todo.isEmpty() && measured++ < MEASURED_NAMES) {
            TagNode node = todo.poll();
            widest = Math.max(widest, width(node.name()));
            todo.addAll(node.children());
        }
        return Math.ceil(Math.min(widest + PADDING, Math.max(MIN_NAME, room / 2)));
    }

    /** The nesting level of the deepest row on show (0: top-level rows) under a hidden root. */
    static int deepestOpenLevel(TreeItem<?> root) {
        int deepest = 0;
        Deque<TreeItem<?>> todo = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        for (TreeItem<?> child : root.getChildren()) {
            todo.push(child);
            levels.push(0);
        }
        while (!todo.isEmpty()) {
            TreeItem<?> item = todo.pop();
            int level = levels.pop();
            deepest = Math.max(deepest, level);
            if (item.isExpanded() && !item.isLeaf()) {
                for (TreeItem<?> child : item.getChildren()) {
                    todo.push(child);
                    levels.push(level + 1);
                }
            }
        }
        return deepest;
    }

    private double width(String text) {
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
    }
}
