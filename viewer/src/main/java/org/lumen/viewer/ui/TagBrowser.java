// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.lumen.viewer.dicom.TagNode;

/**
 * The DICOM tags of one instance as a tree table (Tag, Name, VR, Value) with a search field: typing keeps the
 * matching rows and the sequences and items around them, and opens the way to each match. Ctrl+F focuses the
 * search, Escape clears it, Ctrl+C copies the selected rows' values (Ctrl+Shift+C the whole rows). Tag, Name and VR
 * are as wide as what they show (Name at most half the room); Value takes the rest, and hovering shows a whole
 * name or value.
 *
 * <p>It only displays: the caller reads the file (with {@code TagTreeReader}) off the UI thread and hands the
 * rows to {@link #show}. Colours come from the stylesheet: style class {@code tag-browser} and its parts
 * ({@code tag-browser-title}, {@code tag-browser-search}, {@code tag-browser-count}, {@code tag-browser-table},
 * {@code tag-column}, {@code vr-column}, {@code value-column}); rows carry the pseudo-classes {@code :sequence},
 * {@code :item}, {@code :more}, {@code :private} and {@code :match}.
 */
public final class TagBrowser extends BorderPane {

    /** Matches whose enclosing rows are opened at most, so a search over a huge tree stays quick. */
    static final int MAX_EXPANDED_MATCHES = 500;

    private static final PseudoClass SEQUENCE = PseudoClass.getPseudoClass("sequence");
    private static final PseudoClass ITEM = PseudoClass.getPseudoClass("item");
    private static final PseudoClass MORE = PseudoClass.getPseudoClass("more");
    private static final PseudoClass PRIVATE = PseudoClass.getPseudoClass("private");
    private static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY_ROWS = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final Label title = new Label();
    private final TextField search = new TextField();
    private final Label count = new Label();
    private final TreeTableView<TagNode> table = new TreeTableView<>();
    private final Label placeholder = new Label("No instance selected");
    private final TreeTableColumn<TagNode, String> tagColumn = column("Tag", "tag-column", 134, TagNode::tag);
    private final TreeTableColumn<TagNode, String> nameColumn = column("Name", "name-column", 150, TagNode::name);
    private final TreeTableColumn<TagNode, String> vrColumn = column("VR", "vr-column", 34, TagNode::vr);
    private final TreeTableColumn<TagNode, String> valueColumn = column("Value", "value-column", 260, TagBrowser::shownValue);
    private List<TagNode> nodes = List.of();
    private int total;
    /** Set when the rows, the open sequences or the width changed: columns are fitted again at the next layout. */
    private boolean columnsToFit = true;
    private double fittedForWidth = -1;
    private Font measuredWith;

    public TagBrowser() {
        getStyleClass().add("tag-browser");
        title.getStyleClass().add("tag-browser-title");
        title.setMaxWidth(Double.MAX_VALUE);
        search.getStyleClass().add("tag-browser-search");
        search.setPromptText("Search tag, name or value (Ctrl+F)");
        count.getStyleClass().add("tag-browser-count");
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox searchRow = new HBox(6, search, count);
        searchRow.getStyleClass().add("tag-browser-search-row");
        VBox top = new VBox(4, title, searchRow);
        top.getStyleClass().add("tag-browser-header");
        setTop(top);

        table.getStyleClass().add("tag-browser-table");
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.setPlaceholder(placeholder);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.getColumns().add(tagColumn);
        table.getColumns().add(nameColumn);
        table.getColumns().add(vrColumn);
        table.getColumns().add(valueColumn);
        nameColumn.setCellFactory(c -> new HoverCell());
        valueColumn.setCellFactory(c -> new HoverCell());
        table.setRowFactory(view -> new NodeRow());
        // Made when first asked for (a context menu is a popup window with its own scene), not before the first frame.
        table.addEventFilter(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (table.getContextMenu() == null) {
                table.setContextMenu(contextMenu());
            }
        });
        setCenter(table);

        search.textProperty().addListener((obs, old, text) -> refilter());
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        clear();
    }

    /** Shows {@code rows} (from {@code TagTreeReader}) under {@code title}, keeping the current search. */
    public void show(List<TagNode> rows, String caption) {
        nodes = List.copyOf(rows);
        total = TagNode.countMatches(nodes, "");
        title.setText(caption == null ? "" : caption);
        placeholder.setText("No tags");
        refilter();
    }

    /** Empties the browser (no instance selected); the search text stays for the next instance. */
    public void clear() {
        nodes = List.of();
        total = 0;
        title.setText("");
        placeholder.setText("No instance selected");
        refilter();
    }

    /** Puts the keyboard in the search field, its text selected; for a window-wide shortcut. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** The search text; setting it filters as typing would. */
    public String getSearchText() {
        return search.getText();
    }

    public void setSearchText(String text) {
        search.setText(text == null ? "" : text);
    }

    /** The rows shown at the top level after the search (for the shell and tests). */
    public List<TagNode> shownRows() {
        return table.getRoot().getChildren().stream().map(TreeItem::getValue).toList();
    }

    private void onKey(KeyEvent e) {
        if (FIND.match(e)) {
            focusSearch();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
            search.clear();
            e.consume();
        } else if (e.getTarget() != search && COPY_ROWS.match(e)) {
            copy(true);
            e.consume();
        } else if (e.getTarget() != search && COPY.match(e)) {
            copy(false);
            e.consume();
        }
    }

    private void refilter() {
        String query = search.getText() == null ? "" : search.getText().strip();
        List<TagNode> shown = TagNode.filter(nodes, query);
        TreeItem<TagNode> root = new TreeItem<>();
        for (TagNode node : shown) {
            root.getChildren().add(new NodeItem(node));
        }
        if (!query.isEmpty()) {
            int[] budget = {MAX_EXPANDED_MATCHES};
            for (TreeItem<TagNode> item : root.getChildren()) {
                expandTowardsMatches(item, query, budget);
            }
        }
        table.setRoot(root);
        root.addEventHandler(TreeItem.<TagNode>expandedItemCountChangeEvent(), e -> columnsToFit());
        columnsToFit();
        if (nodes.isEmpty()) {
            count.setText("");
        } else if (query.isEmpty()) {
            count.setText(total + (total == 1 ? " row" : " rows"));
        } else {
            int matches = TagNode.countMatches(shown, query);
            count.setText(matches == 0 ? "no match" : matches + (matches == 1 ? " match" : " matches"));
        }
        placeholder.setText(nodes.isEmpty() ? "No instance selected" : "No tag matches \u201c" + query + "\u201d");
    }

    private void columnsToFit() {
        columnsToFit = true;
        requestLayout();
    }

    /** Sizes the columns to what they show before the table lays out its rows; Value takes what is left. */
    @Override
    protected void layoutChildren() {
        if (columnsToFit || getWidth() != fittedForWidth) {
            columnsToFit = false;
            fittedForWidth = getWidth();
            fitColumns(measuredWith);
        }
        super.layoutChildren();
        // The first rows get their stylesheet font only now: measure again with it, before the table lays out its cells in this pulse.
        Font font = cellFont();
        if (font != null && !font.equals(measuredWith)) {
            measuredWith = font;
            fitColumns(font);
        }
    }

    private void fitColumns(Font font) {
        TagColumnWidths widths = new TagColumnWidths(font == null ? Font.getDefault() : font);
        int depth = TagColumnWidths.deepestOpenLevel(table.getRoot());
        tagColumn.setPrefWidth(widths.tag(depth));
        vrColumn.setPrefWidth(widths.vr());
        double room = Math.max(0, getWidth() - tagColumn.getPrefWidth() - vrColumn.getPrefWidth() - TagColumnWidths.SCROLL_BAR);
        nameColumn.setPrefWidth(widths.name(shownRows(), room));
    }

    /** The font the table's cells have from the stylesheet, or null before any cell exists. */
    private Font cellFont() {
        for (Node node : table.lookupAll(".tree-table-cell")) {
            if (node instanceof Labeled cell) {
                return cell.getFont();
            }
        }
        return null;
    }

    /** Opens {@code item} when a match lies below it, and so on down, until {@code budget} matches were passed. */
    private static void expandTowardsMatches(TreeItem<TagNode> item, String query, int[] budget) {
        TagNode node = item.getValue();
        if (node.matches(query)) {
            budget[0]--;
        }
        if (budget[0] <= 0 || node.children().isEmpty() || !node.hasMatchBelow(query)) {
            return;
        }
        item.setExpanded(true);
        for (TreeItem<TagNode> child : item.getChildren()) {
            if (budget[0] <= 0) {
                return;
            }
            expandTowardsMatches(child, query, budget);
        }
    }

    private void copy(boolean wholeRows) {
        List<String> lines = new ArrayList<>();
        for (TreeItem<TagNode> item : table.getSelectionModel().getSelectedItems()) {
            if (item != null && item.getValue() != null) {
                lines.add(wholeRows ? rowText(item.getValue()) : copyValue(item.getValue()));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join(System.lineSeparator(), lines));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private ContextMenu contextMenu() {
        MenuItem value = new MenuItem("Copy value");
        value.setAccelerator(COPY);
        value.setOnAction(e -> copy(false));
        MenuItem row = new MenuItem("Copy row");
        row.setAccelerator(COPY_ROWS);
        row.setOnAction(e -> copy(true));
        return new ContextMenu(value, row);
    }

    /** What Ctrl+C copies for one row: the value, or the name for items and placeholders. */
    static String copyValue(TagNode node) {
        return node.kind() == TagNode.Kind.ELEMENT ? node.value() : node.name();
    }

    /** A whole row as one line of text: tag, name, VR, value. */
    static String rowText(TagNode node) {
        return Stream.of(node.tag(), node.name(), node.vr(), shownValue(node))
                .filter(s -> !s.isEmpty()).collect(Collectors.joining("\t"));
    }

    /** The Value column: the value, then what it means where that is known. */
    static String shownValue(TagNode node) {
        if (node.meaning().isEmpty()) {
            return node.value();
        }
        return node.value().isEmpty() ? node.meaning() : node.value() + "  (" + node.meaning() + ")";
    }

    private static TreeTableColumn<TagNode, String> column(String name, String styleClass, double width,
            Function<TagNode, String> text) {
        TreeTableColumn<TagNode, String> column = new TreeTableColumn<>(name);
        column.getStyleClass().add(styleClass);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(features -> {
            TagNode node = features.getValue() == null ? null : features.getValue().getValue();
            return new ReadOnlyStringWrapper(node == null ? "" : text.apply(node));
        });
        return column;
    }

    /** A tree item whose children are made when first asked for: a sequence of thousands of items costs nothing until opened. */
    private static final class NodeItem extends TreeItem<TagNode> {

        private boolean childrenMade;

        NodeItem(TagNode node) {
            super(node);
        }

        @Override
        public boolean isLeaf() {
            return getValue().children().isEmpty();
        }

        @Override
        public ObservableList<TreeItem<TagNode>> getChildren() {
            if (!childrenMade) {
                childrenMade = true;
                List<TreeItem<TagNode>> made = new ArrayList<>(getValue().children().size());
                for (TagNode child : getValue().children()) {
                    made.add(new NodeItem(child));
                }
                super.getChildren().setAll(made);
            }
            return super.getChildren();
        }
    }

    /** A cell that shows its whole text on hover, for values and names wider than their column. */
    private static final class HoverCell extends TreeTableCell<TagNode, String> {

        private final Tooltip tooltip = new Tooltip();

        HoverCell() {
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(640);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            boolean has = !empty && text != null && !text.isEmpty();
            setText(has ? text : null);
            tooltip.setText(has ? text : "");
            setTooltip(has ? tooltip : null);
        }
    }

    /** Marks rows by kind, and the rows matching the search, for the stylesheet. */
    private final class NodeRow extends TreeTableRow<TagNode> {

        @Override
        protected void updateItem(TagNode node, boolean empty) {
            super.updateItem(node, empty);
            boolean has = !empty && node != null;
            pseudoClassStateChanged(SEQUENCE, has && node.isSequence());
            pseudoClassStateChanged(ITEM, has && node.kind() == TagNode.Kind.ITEM);
            pseudoClassStateChanged(MORE, has && node.kind() == TagNode.Kind.MORE);
            pseudoClassStateChanged(PRIVATE, has && node.isPrivate());
            String query = search.getText() == null ? "" : search.getText().strip();
            pseudoClassStateChanged(MATCH, has && !query.isEmpty() && node.matches(query));
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TagBrowser[%s, %d rows, search '%s']", title.getText(), total, search.getText());
    }
}
