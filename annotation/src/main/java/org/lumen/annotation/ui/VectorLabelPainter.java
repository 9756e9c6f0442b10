// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.edit.VectorLabelPlacement;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.Volume;

/** Draws one vector label on a view in its class's colour, with its class and size beside it. */
final class VectorLabelPainter {

    /** How a label is drawn: saved, selected (thicker, with handles), or being drawn (dashed). */
    enum Style { SAVED, SELECTED, DRAFT }

    private static final double HANDLE_PX = 5;

    private VectorLabelPainter() {
    }

    /** Draws {@code label} in colour {@code rgb} if it shows on the view's plane; a label crossing the plane (not drawn on it) is dashed. */
    static void draw(GraphicsContext g, int rgb, VectorLabel label, ViewportState view, ScreenMapping m, Style style) {
        var fit = VectorLabelPlacement.fit(label, view.plane(), view.index());
        if (fit == VectorLabelPlacement.Fit.ELSEWHERE && style != Style.DRAFT) {
            return;
        }
        Color colour = Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
        List<double[]> screen = VectorLabelPlacement.outline(label, view.plane()).stream()
                .map(p -> m.pixelCenterToScreen(p[0], p[1])).toList();
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(style == Style.SELECTED ? 2.5 : 1.5);
        if (style == Style.DRAFT || fit == VectorLabelPlacement.Fit.CROSSING) {
            g.setLineDashes(4, 3);
        }
        switch (label) {
            case PointLabel p -> {
                double[] s = screen.getFirst();
                g.strokeLine(s[0] - 6, s[1], s[0] - 2, s[1]);
                g.strokeLine(s[0] + 2, s[1], s[0] + 6, s[1]);
                g.strokeLine(s[0], s[1] - 6, s[0], s[1] - 2);
                g.strokeLine(s[0], s[1] + 2, s[0], s[1] + 6);
                g.strokeOval(s[0] - 4, s[1] - 4, 8, 8);
            }
            case LineLabel l -> g.strokeLine(screen.get(0)[0], screen.get(0)[1], screen.get(1)[0], screen.get(1)[1]);
            case BoxLabel b -> g.strokePolygon(screen.stream().mapToDouble(p -> p[0]).toArray(),
                    screen.stream().mapToDouble(p -> p[1]).toArray(), 4);
        }
        g.setLineDashes();
        if (style != Style.SAVED && fit == VectorLabelPlacement.Fit.ON_PLANE) {
            for (var point : label.points()) {
                double[] q = view.plane().toPlane(point);
                double[] s = m.pixelCenterToScreen(q[0], q[1]);
                g.strokeRect(s[0] - HANDLE_PX / 2, s[1] - HANDLE_PX / 2, HANDLE_PX, HANDLE_PX);
            }
        }
        double[] anchor = screen.stream().min((a, b) -> Double.compare(a[1] + a[0] * 1e-3, b[1] + b[0] * 1e-3)).orElseThrow();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(describe(label, unitsOf(view.volume())), anchor[0] + 2, anchor[1] - 4);
    }

    /** The units lengths on this series are said in (mm, mm at the detector, px: decision 0013). */
    static MeasurementUnits unitsOf(Volume volume) {
        return MeasurementUnits.of(volume.plan().calibration(), volume.geometry());
    }

    /**
     * "Nodule 12.0 × 8.4 mm", "Other 31.2 mm (detector)", "Other 744.0 px", "Carina": lengths in the
     * units the series' file gives.
     */
    static String describe(VectorLabel label, MeasurementUnits units) {
        return switch (label) {
            case PointLabel p -> p.labelClass();
            case LineLabel l -> {
                var length = units.length(l.a(), l.b());
                yield String.format(Locale.ROOT, "%s %.1f %s", l.labelClass(), length.value(), length.unit());
            }
            case BoxLabel b -> {
                var width = units.length(b.center(), b.center().plus(b.right().times(b.widthMm())));
                var height = units.length(b.center(), b.center().plus(b.down().times(b.heightMm())));
                yield b.isFlat() ? String.format(Locale.ROOT, "%s %.1f × %.1f %s", b.labelClass(), width.value(), height.value(), width.unit())
                        : String.format(Locale.ROOT, "%s %.1f × %.1f × %.1f %s", b.labelClass(), width.value(), height.value(),
                        b.depthMm(), width.unit());
            }
        };
    }
}
