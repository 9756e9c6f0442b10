// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lumen.viewer.dicom.TagNode;
import org.lumen.viewer.ui.TagBrowser;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tag browser with the workstation's stylesheet: each row's text colour follows its own kind, whatever row it reuses. */
@ExtendWith(ApplicationExtension.class)
class TagBrowserStyleTest {

    private TagBrowser browser;

    @Start
    void start(Stage stage) {
        browser = new TagBrowser();
        Scene scene = new Scene(browser, 640, 420);
        scene.getStylesheets().add(WorkstationWindow.class.getResource("workstation.css").toExternalForm());
        stage.setScene(scene);
        // The primary stage is shared by the test classes: an earlier one may have left it 320 px wide.
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void rowsKeepTheColourOfTheirKindAfterSearchesAndScrolling(FxRobot robot) throws Exception {
        List<TagNode> rows = rows();
        fx(() -> {
            browser.show(rows, "test instance");
            return null;
        });
        // Filtering and clearing give the same rows other nodes to show, as scrolling and expanding do.
        for (String query : List.of("", "item", "", "private", "", "0020", "", "Sequence", "")) {
            fx(() -> {
                browser.setSearchText(query);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            Map<String, Paint> fills = fx(this::fillByKind);
            assertThat(fills.keySet()).as("kinds on screen after '%s'", query).isNotEmpty();
            assertThat(fx(this::illegibleCells)).as("cells hard to read after '%s'", query).isEmpty();
            assertThat(fx(this::inconsistentCells)).as("cells whose colour is not their row's kind after '%s'", query).isEmpty();
        }
    }

    /** Tag, Name and VR show their whole text; Value takes the rest of the width and shows a long value on hover. */
    @Test
    void columnsFitTheirContentAndValueTakesTheRest(FxRobot robot) throws Exception {
        String longValue = "ORIGINAL\\PRIMARY\\AXIAL\\".repeat(12) + "END";
        List<TagNode> rows = new ArrayList<>(rows());
        rows.add(TagNode.element(0x0008, 0x0008, "ImageType", null, "CS", longValue, "", List.of()));
        fx(() -> {
            browser.show(rows, "test instance");
            browser.setSearchText("ImageType");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            browser.setSearchText("");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // Columns are fitted over the next layout passes (the cells' stylesheet font is known after the first).
        try {
            WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> fx(this::cutShortCells).isEmpty());
        } catch (java.util.concurrent.TimeoutException stillCut) {
            // the assertion below names the cells
        }
        assertThat(fx(this::cutShortCells)).as("Tag, Name and VR cells cut short").isEmpty();
        TreeTableView<?> table = table(browser);
        double columns = fx(() -> table.getColumns().stream().mapToDouble(c -> c.getWidth()).sum());
        assertThat(columns).isCloseTo(fx(table::getWidth), org.assertj.core.data.Offset.offset(24.0));
        assertThat(fx(() -> table.getColumns().getLast().getWidth())).isGreaterThan(fx(() -> table.getColumns().get(1).getWidth()));

        fx(() -> {
            browser.setSearchText("ImageType");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        TreeTableCell<?, ?> value = fx(() -> cells().stream().filter(c -> longValue.equals(c.getText())).findFirst().orElseThrow());
        assertThat(fx(() -> value.getTooltip().getText())).isEqualTo(longValue);
    }

    /** Cells of the Tag, Name and VR columns whose shown text is shorter than their text (an ellipsis). */
    private List<String> cutShortCells() {
        List<String> cut = new ArrayList<>();
        for (TreeTableCell<?, ?> cell : cells()) {
            if (cell.getTableColumn() == table(browser).getColumns().getLast()) {
                continue;
            }
            for (var node : cell.lookupAll(".text")) {
                if (node instanceof javafx.scene.text.Text text && !cell.getText().equals(text.getText())) {
                    cut.add(cell.getTableColumn().getText() + ": '" + cell.getText() + "' shown as '" + text.getText() + "'");
                }
            }
        }
        return cut;
    }

    /**
     * Cells whose text has less than 4.5:1 contrast with their row's background (WCAG AA for body text). It used to
     * catch plain rows drawn in black on the dark theme once their cell had shown a sequence, an item or a private tag:
     * the stylesheet coloured those through the cell's inner Text ({@code .text {-fx-fill}}), which JavaFX mirrors onto
     * the cell's text fill and resets to Text's initial black when the rule stops matching.
     */
    private List<String> illegibleCells() {
        List<String> illegible = new ArrayList<>();
        for (TreeTableCell<?, ?> cell : cells()) {
            Color text = (Color) cell.getTextFill();
            Color background = background(cell.getTableRow());
            double contrast = contrast(text, background);
            if (contrast < 4.5) {
                illegible.add(kind(cell) + " '" + cell.getText() + "' " + text + " on " + background + " (" + contrast + ":1)");
            }
        }
        return illegible;
    }

    private static Color background(TreeTableRow<?> row) {
        var fills = row.getBackground().getFills();
        return (Color) fills.getLast().getFill();
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    /** One text fill per kind of row on screen: plain elements, sequences, items, private elements. */
    private Map<String, Paint> fillByKind() {
        Map<String, Paint> fills = new HashMap<>();
        for (TreeTableCell<?, ?> cell : cells()) {
            fills.putIfAbsent(kind(cell), cell.getTextFill());
        }
        return fills;
    }

    /** Cells whose fill differs from the first cell of the same kind of row. */
    private List<String> inconsistentCells() {
        Map<String, Paint> first = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (TreeTableCell<?, ?> cell : cells()) {
            String kind = kind(cell);
            Paint expected = first.putIfAbsent(kind, cell.getTextFill());
            if (expected != null && !expected.equals(cell.getTextFill())) {
                wrong.add(kind + " '" + cell.getText() + "' is " + cell.getTextFill() + ", not " + expected);
            }
        }
        return wrong;
    }

    private List<TreeTableCell<?, ?>> cells() {
        List<TreeTableCell<?, ?>> cells = new ArrayList<>();
        for (var node : browser.lookupAll(".tree-table-cell")) {
            if (node instanceof TreeTableCell<?, ?> cell && cell.isVisible() && cell.getTableRow() != null
                    && cell.getTableRow().getItem() != null && cell.getText() != null && !cell.getText().isEmpty()) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private static String kind(TreeTableCell<?, ?> cell) {
        TreeTableRow<?> row = cell.getTableRow();
        TagNode node = (TagNode) row.getItem();
        if (node.kind() != TagNode.Kind.ELEMENT) {
            return "item";
        }
        return node.isSequence() ? "sequence" : node.isPrivate() ? "private" : "plain";
    }

    private static List<TagNode> rows() {
        List<TagNode> rows = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            rows.add(TagNode.element(0x0008, 0x0100 + n, "CodeValue" + n, null, "SH", "value " + n, "", List.of()));
            List<TagNode> items = List.of(TagNode.item(1, List.of(
                    TagNode.element(0x0020, 0x0032, "ImagePositionPatient", null, "DS", "-125\\-125\\" + n, "", List.of()))));
            rows.add(TagNode.element(0x0040, 0xA043 + n, "ConceptNameCodeSequence", null, "SQ", "", "", items));
            rows.add(TagNode.element(0x0029, 0x1010 + n, "Private", "SIEMENS CSA HEADER", "OB", "<OB 12 bytes>", "", List.of()));
        }
        return rows;
    }

    private static TreeTableView<?> table(TagBrowser browser) {
        return (TreeTableView<?>) browser.lookup(".tag-browser-table");
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }
}
