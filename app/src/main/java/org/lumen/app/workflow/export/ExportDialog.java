// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.export;

import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.export.ExportFormat;
import org.lumen.annotation.export.ExportRequest;
import org.lumen.annotation.export.SplitFractions;

/**
 * Export… from the dataset panel: the format, the new folder it goes into and the split's seed, as
 * {@code lumen export} takes them; the window runs the export as a task with progress and cancel.
 */
public final class ExportDialog {

    private ExportDialog() { }

    /** The request the user made, or empty when cancelled. */
    public static Optional<ExportRequest> ask(Window owner, DatasetRecord dataset, Path suggestedParent) {
        Dialog<ExportRequest> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export " + dataset.name());
        dialog.setHeaderText("Export the labelled cases of " + dataset.name() + ", de-identified, for a trainer or an archive");
        ChoiceBox<ExportFormat> format = new ChoiceBox<>();
        format.getItems().setAll(ExportFormat.values());
        format.setValue(ExportFormat.NNUNET);
        format.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ExportFormat f) {
                return f == null ? "" : switch (f) {
                    case NNUNET -> "nnU-Net v2 (NIfTI)";
                    case MONAI -> "MONAI / Decathlon (NIfTI)";
                    case COCO -> "COCO (PNG slices, boxes and points)";
                    case IMAGEJ -> "Fiji / ImageJ (TIFF hyperstacks, ROI sets)";
                    case DICOM -> "DICOM with SEG and SR";
                };
            }

            @Override
            public ExportFormat fromString(String s) {
                return null;
            }
        });
        TextField parent = new TextField(suggestedParent.toString());
        TextField name = new TextField(dataset.name().replaceAll("[^A-Za-z0-9._-]+", "_") + "-export");
        TextField seed = new TextField("1");
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Where the export's folder goes");
            java.io.File chosen = chooser.showDialog(dialog.getOwner());
            if (chosen != null) {
                parent.setText(chosen.getAbsolutePath());
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Into"), parent, browse);
        grid.addRow(2, new Label("New folder"), name);
        grid.addRow(3, new Label("Split seed"), seed);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            long s;
            try {
                s = Long.parseLong(seed.getText().strip());
            } catch (NumberFormatException e) {
                s = 1;
            }
            return new ExportRequest(dataset.name(), format.getValue(), Path.of(parent.getText().strip()).resolve(name.getText().strip()), s,
                    SplitFractions.defaults(), 501);
        });
        return dialog.showAndWait();
    }
}
