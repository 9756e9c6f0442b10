// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.effect.BlurType;
import javafx.scene.effect.DropShadow;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.viewport.OrientationLabels;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * The corner texts, orientation letters and pixel readout over a viewport; hidden with one key for
 * teaching screenshots. Orientation letters follow rotation and flips: they name the patient
 * direction that points to each screen edge.
 */
final class ViewportOverlay extends StackPane {

    /** A tight dark halo around every glyph, so corner text stays legible over white (mammograms, radiographs). */
    static final DropShadow TEXT_OUTLINE = new DropShadow(BlurType.GAUSSIAN, Color.color(0, 0, 0, 0.95), 4, 0.7, 0, 0);

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
    private String reading = "";
    /** Said instead of Thk/Sp while it is set: "arriving 37 of 300" (spacing is judged once the series is whole). */
    private String note = "";
    private double zoom = 1;

    ViewportOverlay(ViewportState state) {
        this.state = state;
        setMouseTransparent(true);
        setManaged(false);
        getStyleClass().add("viewport-overlay");
        problem.getStyleClass().add("viewport-problem");
        bottom.getStyleClass().add("overlay-orientation");
        getChildren().addAll(topLeft, topRight, bottomLeft, bottomRight, left, right, top, bottom, problem);
        // Corner texts give way to the orientation letters in small viewports (an ellipsis, not an overlap).
        for (Label corner : new Label[] {topLeft, topRight, bottomLeft, bottomRight}) {
            corner.maxWidthProperty().bind(widthProperty().multiply(0.44));
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
        label.setEffect(TEXT_OUTLINE); // a stylesheet may restyle it; without one the text still reads over bright pixels
        StackPane.setAlignment(label, position);
        return label;
    }

    void setZoom(double screenPixelsPerImagePixel) {
        zoom = screenPixelsPerImagePixel;
    }

    void showReading(String text) {
        reading = text;
        update(null, true);
    }

    /** Refreshes the texts for the current plane; {@code image} is null while it is still loading. */
    void update(VoxelSlice image) {
        update(image, false);
    }

    private void update(VoxelSlice image, boolean readingOnly) {
        setVisible(state.overlaysVisible());
        DisplaySettings d = state.display();
        // The window in the values the view holds: modality values, or a parametric map's real-world values and units.
        bottomLeft.setText(String.format(Locale.ROOT, "%s%s%s%s\nZoom %.0f%%", reading, reading.isEmpty() ? "" : "\n",
                state.windowText(), d.invert() ? "  inv" : "", zoom * 100));
        if (readingOnly) {
            return;
        }
        ViewPlane plane = state.plane();
        int k = state.index();
        boolean stored = plane.axis() == PlaneAxis.SLICES;
        InstanceHeader header = state.volume().frame(stored ? k : 0).instance();
        topLeft.setText(String.join("\n", nz(header.patient().name()), nz(header.patient().id()),
                nz(header.study().date()) + "  " + nz(header.study().description())));
        String slab = state.slab() > 1 ? String.format(Locale.ROOT, "  MIP %.1f mm", state.slab() * plane.planeSpacingMm()) : "";
        String name = stored ? "" : plane.anatomicalName() + "  ";
        Vec3 center = plane.center(k);
        topRight.setText(String.join("\n", nz(header.series().modality()) + "  " + nz(header.series().description()),
                String.format(Locale.ROOT, "%sIm %d / %d%s%s", name, k + 1, plane.count(), slab, image == null ? "  loading…" : ""),
                hasPatientGeometry() ? String.format(Locale.ROOT, "Pos %.1f mm", center.dot(plane.normal())) : ""));
        bottomRight.setText(note.isEmpty() ? thicknessAndSpacing(state) : note);
        orientationLetters(plane);
        problem.setText("");
    }

    /**
     * "Thk/Sp" for a volume; for single images and stacks only the Slice Thickness the file states
     * (a radiograph or ultrasound has neither, and a made-up 1 mm would mislead).
     */
    static String thicknessAndSpacing(ViewportState state) {
        ViewPlane plane = state.plane();
        boolean stored = plane.axis() == PlaneAxis.SLICES;
        var framePlane = state.volume().frame(stored ? state.index() : 0).plane();
        Double stated = framePlane == null ? null : framePlane.sliceThickness();
        if (state.volume().plan().isVolume()) {
            double thickness = stored && stated != null ? stated : plane.planeSpacingMm();
            // An irregular stack says its real gaps, and reformats say they interpolate between slices (ADR 0014).
            return String.format(Locale.ROOT, "Thk %.2f mm\nSp %s%s", thickness * state.slab(), plane.describeSpacing(),
                    plane.resamplesSlices() ? "\nslices " + plane.geometry().describeSpacing() + ", interpolated" : "");
        }
        return stored && stated != null && stated > 0 ? String.format(Locale.ROOT, "Thk %.2f mm", stated) : "";
    }

    private void orientationLetters(ViewPlane plane) {
        if (!hasPatientGeometry()) {
            return;
        }
        // Screen directions back into patient space through the rotation and flips.
        ScreenMapping m = ScreenMapping.of(plane, state.transform(), 100, 100);
        Vec3 screenRight = patientDirection(plane, m, 1, 0);
        Vec3 screenDown = patientDirection(plane, m, 0, 1);
        right.setText(OrientationLabels.of(screenRight));
        left.setText(OrientationLabels.of(screenRight.times(-1)));
        bottom.setText(OrientationLabels.of(screenDown));
        top.setText(OrientationLabels.of(screenDown.times(-1)));
    }

    private static Vec3 patientDirection(ViewPlane plane, ScreenMapping m, double sx, double sy) {
        double[] o = m.toImage(50, 50);
        double[] p = m.toImage(50 + sx, 50 + sy);
        return plane.right().times((p[0] - o[0]) * plane.pixelWidthMm()).plus(plane.down().times((p[1] - o[1]) * plane.pixelHeightMm()))
                .normalized();
    }

    void showNote(String text) {
        note = text == null ? "" : text;
    }

    String note() {
        return note;
    }

    void showProblem(String text) {
        problem.setText(text);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
