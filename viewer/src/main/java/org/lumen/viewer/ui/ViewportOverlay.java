// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.viewport.OrientationLabels;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;

/** The corner texts and orientation letters over a viewport; hidden with one key for teaching screenshots. */
final class ViewportOverlay extends StackPane {

    private final ViewportState state;
    private final Label topLeft = corner(Pos.TOP_LEFT);
    private final Label topRight = corner(Pos.TOP_RIGHT);
    private final Label bottomLeft = corner(Pos.BOTTOM_LEFT);
    private final Label bottomRight = corner(Pos.BOTTOM_RIGHT);
    private final Label left = corner(Pos.CENTER_LEFT);
    private final Label right = corner(Pos.CENTER_RIGHT);
    private final Label top = corner(Pos.TOP_CENTER);
    private final Label bottom = corner(Pos.BOTTOM_CENTER);
    private final Label problem = corner(Pos.CENTER);
    private double zoom = 1;

    ViewportOverlay(ViewportState state) {
        this.state = state;
        setMouseTransparent(true);
        getStyleClass().add("viewport-overlay");
        problem.getStyleClass().add("viewport-problem");
        getChildren().addAll(topLeft, topRight, bottomLeft, bottomRight, left, right, top, bottom, problem);
        VolumeGeometry g = state.volume().geometry();
        if (hasPatientGeometry()) {
            right.setText(OrientationLabels.of(g.rowDirection()));
            left.setText(OrientationLabels.of(g.rowDirection().times(-1)));
            bottom.setText(OrientationLabels.of(g.columnDirection()));
            top.setText(OrientationLabels.of(g.columnDirection().times(-1)));
        }
    }

    /** Images without position and orientation (US, secondary captures) get no orientation letters or positions. */
    private boolean hasPatientGeometry() {
        var plane = state.volume().frame(0).plane();
        return plane != null && plane.hasPositionAndOrientation();
    }

    private Label corner(Pos position) {
        Label label = new Label();
        label.getStyleClass().add("overlay-text");
        StackPane.setAlignment(label, position);
        return label;
    }

    void setZoom(double screenPixelsPerImagePixel) {
        zoom = screenPixelsPerImagePixel;
    }

    /** Refreshes the texts for the current slice; {@code slice} is null while it is still loading. */
    void update(VoxelSlice slice) {
        setVisible(state.overlaysVisible());
        int k = state.slice();
        InstanceHeader header = state.volume().frame(k).instance();
        VolumeGeometry g = state.volume().geometry();
        Vec3 position = g.slicePosition(k);
        topLeft.setText(String.join("\n", nz(header.patient().name()), nz(header.patient().id()),
                nz(header.study().date()) + "  " + nz(header.study().description())));
        topRight.setText(String.join("\n", nz(header.series().modality()) + "  " + nz(header.series().description()),
                String.format(Locale.ROOT, "Im %d / %d%s", k + 1, state.volume().sliceCount(), slice == null ? "  loading…" : ""),
                hasPatientGeometry() ? String.format(Locale.ROOT, "Pos %.1f mm", position.dot(g.normal())) : ""));
        DisplaySettings d = state.display();
        bottomLeft.setText(String.format(Locale.ROOT, "W %.0f  L %.0f%s\nZoom %.0f%%", d.window().width(), d.window().center(),
                d.invert() ? "  inv" : "", zoom * 100));
        var plane = state.volume().frame(k).plane();
        bottomRight.setText(plane == null || plane.sliceThickness() == null ? ""
                : String.format(Locale.ROOT, "Thk %.2f mm\nSp %.2f mm", plane.sliceThickness(), g.sliceSpacing()));
        problem.setText("");
    }

    void showProblem(String text) {
        problem.setText(text);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
