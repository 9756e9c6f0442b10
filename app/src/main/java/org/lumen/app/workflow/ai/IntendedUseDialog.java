// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.ai;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;

/**
 * "This model is not meant for this series": every reason, and the choice to cancel (the default)
 * or run anyway with every result marked "outside intended use".
 */
public final class IntendedUseDialog {

    public static final ButtonType RUN_ANYWAY = new ButtonType("Run anyway", ButtonBar.ButtonData.OTHER);

    private IntendedUseDialog() { }

    /** The dialog, not shown. */
    public static Alert create(String modelName, List<String> reasons) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", RUN_ANYWAY, ButtonType.CANCEL);
        alert.setTitle("Outside intended use");
        alert.setHeaderText(modelName + " is not meant for this series");
        StringBuilder text = new StringBuilder();
        for (String r : reasons) {
            text.append("• ").append(Character.toUpperCase(r.charAt(0))).append(r.substring(1)).append(".\n");
        }
        text.append("\nIf you run it anyway, every result (heatmap, findings, catalog record) is marked \"outside intended use\".");
        Label content = new Label(text.toString());
        content.setWrapText(true);
        content.setMaxWidth(520);
        alert.getDialogPane().setContent(content);
        // Cancel is the default: Enter does not run a model where it does not belong.
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(RUN_ANYWAY)).setDefaultButton(false);
        return alert;
    }

    public static boolean runAnyway(String modelName, List<String> reasons) {
        return create(modelName, reasons).showAndWait().filter(b -> b == RUN_ANYWAY).isPresent();
    }
}
