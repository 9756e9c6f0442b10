// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.measure.MeasurementText;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.measure.RoiStatistics;
import org.lumen.viewer.measure.ShapeRoi;
import org.lumen.viewer.overlay.HeatmapStyle;
import org.lumen.viewer.overlay.HeatmapVolume;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewportState;

/**
 * The vector layer over the image, in screen space: other views' planes as reference lines (the
 * MPR crosshair is the same thing), measurements with their values, and a scale bar. Redrawn on
 * demand; nothing here touches pixels.
 */
final class ViewportGraphics extends Canvas {

    private static final Color TEXT = Color.web("#e8e8e8");
    /** Amber, as for the window's other warnings: a heatmap's caution such as "outside intended use". */
    private static final Color CAUTION = Color.web("#ffb300");

    private static final Color MEASURE = Color.web("#7fd7ff");
    private static final Color DRAFT = Color.web("#ffd54f");
    private static final double CROSSHAIR_GAP_PX = 14;

    private final SliceViewport viewport;
    private final Font font = Font.font("DejaVu Sans Mono", 12);

    ViewportGraphics(SliceViewport viewport) {
        this.viewport = viewport;
        setMouseTransparent(true);
        setManaged(false);
    }

    @Override
    public boolean isResizable() { return true; }

    @Override
    public void resize(double width, double height) {
        setWidth(width);
        setHeight(height);
    }

    void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        ScreenMapping m = viewport.mapping();
        ViewportState state = viewport.state();
        if (m == null || !state.overlaysVisible()) {
            return;
        }
        g.setFont(font);
        referenceLines(g, m, state);
        for (Measurement measurement : shownOn(viewport.context().measurements(), state)) {
            drawMeasurement(g, m, measurement, MEASURE);
        }
        viewport.measuring().draft().ifPresent(d -> drawMeasurement(g, m, d, DRAFT));
        for (PlaneDecoration decoration : viewport.context().decorations()) {
            decoration.draw(g, state, m);
        }
        scaleBar(g, m, ViewportContext.unitsOf(state.volume()));
        legend(g, state);
        PlaneTool tool = viewport.context().planeTool();
        if (tool != null) {
            tool.draw(g, state, m);
        }
    }

    /**
     * The measurements drawn on the view's plane: those of its frame of reference, and, for series
     * without one (radiographs, ultrasound, secondary captures), those drawn on the series itself.
     */
    static List<Measurement> shownOn(MeasurementSet measurements, ViewportState state) {
        var series = state.volume().frame(0).instance().series();
        return measurements.on(state.plane(), state.index(), series.frameOfReferenceUid(), series.seriesInstanceUid());
    }

    /**
     * The colour scale of the first visible heatmap (name, caution, high, threshold and low values),
     * in the right margin between the top-right texts and the right orientation letter, so that it
     * never covers either; where that band is short it shrinks to one or two lines of text, and
     * a caution (e.g. "outside intended use") is the last thing to go.
     */
    private void legend(GraphicsContext g, ViewportState state) {
        var heatmap = viewport.context().overlays().of(state.volume().plan().seriesUid()).stream()
                .filter(l -> l.isHeatmap() && l.visible()).findFirst();
        if (heatmap.isEmpty()) {
            return;
        }
        LegendLayout layout = LegendLayout.of(getWidth(), getHeight(), !heatmap.get().caution().isEmpty());
        HeatmapStyle style = heatmap.get().heatmapStyle();
        double right = getWidth() - LegendLayout.RIGHT_MARGIN;
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        double y = layout.top();
        if (layout.showsName()) {
            String units = heatmap.get().volume() instanceof HeatmapVolume h && !h.units().isEmpty() ? ", " + h.units() : "";
            outlinedText(g, heatmap.get().name() + units + (layout.barHeight() > 0 ? "" : " ≥ " + number(style.threshold())), right, y);
            y += LegendLayout.LINE;
        }
        if (layout.showsCaution()) {
            outlinedText(g, "⚠ " + heatmap.get().caution(), right, y, CAUTION);
            y += LegendLayout.LINE;
        }
        if (layout.barHeight() <= 0) {
            return;
        }
        double barHeight = layout.barHeight();
        double x = right - 12;
        double top = y + 4;
        for (int p = 0; p < barHeight; p++) {
            double value = style.high() - (style.high() - style.low()) * p / barHeight;
            int argb = value >= style.threshold() ? style.colormap().argb((value - style.low()) / (style.high() - style.low())) : 0xFF303030;
            g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            g.fillRect(x, top + p, 12, 1);
        }
        g.setStroke(Color.web("#e8e8e8"));
        g.setLineWidth(1);
        g.strokeRect(x, top, 12, barHeight);
        double thresholdY = top + barHeight * (style.high() - style.threshold()) / (style.high() - style.low());
        g.strokeLine(x - 4, thresholdY, x + 12, thresholdY);
        g.setTextBaseline(VPos.CENTER);
        outlinedText(g, number(style.high()), x - 4, top);
        outlinedText(g, number(style.threshold()), x - 6, thresholdY);
        outlinedText(g, number(style.low()), x - 4, top + barHeight);
    }

    private static String number(double v) {
        return Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** The intersection of each other on-screen view's plane with this one, in that view's colour. */
    private void referenceLines(GraphicsContext g, ScreenMapping m, ViewportState state) {
        ViewPlane plane = state.plane();
        Vec3 n1 = plane.normal();
        double c1 = n1.dot(plane.center(state.index()));
        List<double[]> crossings = new ArrayList<>();
        for (ViewportState other : viewport.context().others(viewport)) {
            boolean sameVolume = other.volume() == state.volume();
            if (!sameVolume && !sharesFrameOfReference(state, other)) {
                continue;
            }
            Vec3 n2 = other.plane().normal();
            double k = n1.dot(n2);
            if (Math.abs(k) > 0.995) {
                continue; // parallel planes do not cross
            }
            double c2 = n2.dot(other.plane().center(other.index()));
            Vec3 point = n1.times(c1 - c2 * k).plus(n2.times(c2 - c1 * k)).times(1 / (1 - k * k));
            Vec3 direction = n1.cross(n2).normalized();
            double[] a = screen(m, plane, point);
            double[] b = screen(m, plane, point.plus(direction.times(100)));
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len = Math.hypot(dx, dy);
            if (len == 0) {
                continue;
            }
            dx /= len;
            dy /= len;
            g.setStroke(colourOf(other.plane()));
            g.setLineWidth(1);
            double reach = getWidth() + getHeight();
            if (viewport.crosshair() != null && sameVolume) {
                double[] c = screen(m, plane, viewport.crosshair().point());
                crossings.add(c);
                // Leave a gap at the crosshair so the anatomy under it stays visible.
                double t = (c[0] - a[0]) * dx + (c[1] - a[1]) * dy;
                double[] foot = {a[0] + dx * t, a[1] + dy * t};
                g.strokeLine(foot[0] - dx * reach, foot[1] - dy * reach, foot[0] - dx * CROSSHAIR_GAP_PX, foot[1] - dy * CROSSHAIR_GAP_PX);
                g.strokeLine(foot[0] + dx * CROSSHAIR_GAP_PX, foot[1] + dy * CROSSHAIR_GAP_PX, foot[0] + dx * reach, foot[1] + dy * reach);
            } else {
                g.strokeLine(a[0] - dx * reach, a[1] - dy * reach, a[0] + dx * reach, a[1] + dy * reach);
            }
        }
        if (!crossings.isEmpty()) {
            g.setStroke(colourOf(plane));
            double[] c = crossings.getFirst();
            g.strokeOval(c[0] - 3, c[1] - 3, 6, 6);
        }
    }

    private static boolean sharesFrameOfReference(ViewportState a, ViewportState b) {
        String fa = a.volume().frame(0).instance().series().frameOfReferenceUid();
        return fa != null && fa.equals(b.volume().frame(0).instance().series().frameOfReferenceUid());
    }

    /** Slicer's colours: axial red, sagittal yellow, coronal green. */
    static Color colourOf(ViewPlane plane) {
        return switch (plane.anatomicalName()) {
            case "Axial" -> Color.web("#e25555");
            case "Sagittal" -> Color.web("#e6c84a");
            case "Coronal" -> Color.web("#5cc25c");
            default -> Color.web("#b08ce8");
        };
    }

    private void drawMeasurement(GraphicsContext g, ScreenMapping m, Measurement measurement, Color colour) {
        ViewportState state = viewport.state();
        ViewPlane plane = state.plane();
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(1.5);
        List<double[]> points = measurement.points().stream().map(p -> screen(m, plane, p)).toList();
        double[] labelAt;
        String text;
        String unit = state.valueUnits();
        MeasurementUnits units = viewport.context().unitsOf(measurement.seriesInstanceUid());
        switch (measurement) {
            case LengthMeasurement len -> {
                line(g, points.get(0), points.get(1));
                labelAt = points.get(1);
                text = MeasurementText.describe(len, null, unit, units);
            }
            case AngleMeasurement angle -> {
                line(g, points.get(0), points.get(1));
                line(g, points.get(1), points.get(2));
                labelAt = points.get(1);
                text = MeasurementText.describe(angle, null, unit);
            }
            case ShapeRoi roi -> {
                outline(g, m, plane, roi);
                List<double[]> corners = roi.corners().stream().map(p -> screen(m, plane, p)).toList();
                labelAt = corners.stream().max((x, y) -> Double.compare(x[1] + x[0] * 0.01, y[1] + y[0] * 0.01)).orElseThrow();
                var image = viewport.shownImage();
                var stats = image == null ? null : RoiStatistics.compute(roi, plane, state.index(), image);
                text = MeasurementText.describe(roi, stats, unit, units);
            }
        }
        for (double[] p : points) {
            g.strokeRect(p[0] - 2.5, p[1] - 2.5, 5, 5);
        }
        label(g, text, labelAt[0] + 8, labelAt[1] + 4);
    }

    private void outline(GraphicsContext g, ScreenMapping m, ViewPlane plane, ShapeRoi roi) {
        int n = roi instanceof EllipseRoi ? 72 : 4;
        double[] xs = new double[n];
        double[] ys = new double[n];
        Vec3 c = roi.center();
        double a = roi.widthMm() / 2;
        double b = roi.heightMm() / 2;
        for (int i = 0; i < n; i++) {
            Vec3 p;
            if (roi instanceof RectangleRoi) {
                p = roi.corners().get(i);
            } else {
                double t = 2 * Math.PI * i / n;
                p = c.plus(roi.right().times(a * Math.cos(t))).plus(roi.down().times(b * Math.sin(t)));
            }
            double[] s = screen(m, plane, p);
            xs[i] = s[0];
            ys[i] = s[1];
        }
        g.strokePolygon(xs, ys, n);
    }

    private void label(GraphicsContext g, String text, double x, double y) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        Color fill = (Color) g.getFill();
        g.setFill(Color.color(0, 0, 0, 0.6));
        double width = text.lines().mapToInt(String::length).max().orElse(0) * 7.3 + 6;
        double height = text.lines().count() * 15 + 4;
        // Keep the label inside the viewport: flip it to the other side of its anchor near an edge.
        if (x + width > getWidth()) {
            x = Math.max(3, x - width - 16);
        }
        if (y + height > getHeight()) {
            y = Math.max(2, y - height - 8);
        }
        g.fillRect(x - 3, y - 2, width, height);
        g.setFill(fill);
        g.fillText(text, x, y);
    }

    /**
     * A bar of a round length (1, 2 or 5 × 10ⁿ) about a fifth of the view wide, above the
     * bottom-right texts, in the units the file gives ("mm", "mm (detector)"); none for pixels.
     */
    private void scaleBar(GraphicsContext g, ScreenMapping m, MeasurementUnits units) {
        var scale = units.scale();
        if (scale.isEmpty()) {
            return;
        }
        double screenPerUnit = m.mmToScreen() / scale.get().perGeometryUnit();
        double target = getWidth() / 5 / screenPerUnit;
        if (!(target > 0) || Double.isInfinite(target)) {
            return;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(target)));
        double length = magnitude * (target >= 5 * magnitude ? 5 : target >= 2 * magnitude ? 2 : 1);
        double px = length * screenPerUnit;
        double x0 = getWidth() - px - 12;
        double y = getHeight() - 62;
        g.setStroke(Color.color(0, 0, 0, 0.8));
        g.setLineWidth(3.5);
        bar(g, x0, y, px);
        g.setStroke(Color.web("#e8e8e8"));
        g.setLineWidth(1.5);
        bar(g, x0, y, px);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        outlinedText(g, scaleBarLabel(length, scale.get().unit()), x0 + px, y + 3);
    }

    /** "50 mm", "0.5 mm (detector)": what the scale bar of this length says. */
    static String scaleBarLabel(double length, String unit) {
        return (length >= 10 ? String.format(Locale.ROOT, "%.0f", length) : String.valueOf((float) length)) + " " + unit;
    }

    private static void bar(GraphicsContext g, double x0, double y, double px) {
        g.strokeLine(x0, y, x0 + px, y);
        g.strokeLine(x0, y - 5, x0, y + 1);
        g.strokeLine(x0 + px, y - 5, x0 + px, y + 1);
    }

    /** Light text with a dark outline, readable over bright images as well as dark ones. */
    private static void outlinedText(GraphicsContext g, String text, double x, double y) {
        outlinedText(g, text, x, y, TEXT);
    }

    private static void outlinedText(GraphicsContext g, String text, double x, double y, Color fill) {
        g.setStroke(Color.color(0, 0, 0, 0.85));
        g.setLineWidth(3);
        g.strokeText(text, x, y);
        g.setFill(fill);
        g.fillText(text, x, y);
    }

    private static void line(GraphicsContext g, double[] a, double[] b) {
        g.strokeLine(a[0], a[1], b[0], b[1]);
    }

    private static double[] screen(ScreenMapping m, ViewPlane plane, Vec3 p) {
        double[] xy = plane.toPlane(p);
        return m.pixelCenterToScreen(xy[0], xy[1]);
    }
}
