// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.overlay.OverlayLayers;
import org.lumen.viewer.viewport.LinkedScrolling;
import org.lumen.viewer.viewport.PixelProbe;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.Volume;

/**
 * What the viewports of one window share: the decode pool for slices they need now, the active
 * tool, the viewport the keyboard talks to, synchronised scrolling, the last pixel reading, and
 * the list of viewports on screen (each draws the others' planes as reference lines).
 */
public final class ViewportContext {

    private final Executor decodePool;
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(ViewportTool.BROWSE);
    /** The last of the viewer's own tools chosen: the left button goes back to it when a contributed tool is put down. */
    private ViewportTool viewerTool = ViewportTool.BROWSE;
    private final ObjectProperty<SliceViewport> active = new SimpleObjectProperty<>();
    private final ObjectProperty<PixelProbe.Reading> reading = new SimpleObjectProperty<>();
    private final ObservableList<SliceViewport> onScreen = FXCollections.observableArrayList();
    private final LinkedScrolling scrolling = new LinkedScrolling();
    private final MeasurementSet measurements = new MeasurementSet();
    private final CinePlayer cine = new CinePlayer();
    private final OverlayLayers overlays = new OverlayLayers();
    private final ObservableList<PlaneDecoration> decorations = FXCollections.observableArrayList();
    private final Map<String, MeasurementUnits> units = new HashMap<>();

    /** @param decodePool where slices are decoded; from the window, {@code Pools.decodeFromUi()}, which never runs work on the caller */
    public ViewportContext(Executor decodePool) {
        this.decodePool = decodePool;
        measurements.addListener(this::redrawGraphics);
        overlays.addListener(() -> onScreen.forEach(SliceViewport::requestRepaint));
        tool.addListener((o, old, t) -> {
            if (t == null) {
                tool.set(viewerTool); // "no tool" is the viewer's own tool again
                return;
            }
            if (t instanceof ViewportTool v) {
                viewerTool = v;
            }
            redrawGraphics();
        });
        decorations.addListener((javafx.collections.ListChangeListener<PlaneDecoration>) c -> redrawGraphics());
    }

    /** Vector graphics contributed by other modules (annotation's vector labels), drawn on every view. */
    public ObservableList<PlaneDecoration> decorations() { return decorations; }

    /** Heatmaps and label volumes over each series; every viewport of a series draws them. */
    public OverlayLayers overlays() { return overlays; }

    /** The measurements of this session, in patient mm; each viewport shows those on its plane. */
    public MeasurementSet measurements() { return measurements; }

    /** Remembers the units a series' measurements are said in; every viewport does this for its volume. */
    void rememberUnits(Volume volume) {
        units.put(volume.plan().seriesUid(), unitsOf(volume));
    }

    /** The units of a series a viewport has shown (mm, mm at the detector, px, …); patient mm for any other. */
    public MeasurementUnits unitsOf(String seriesUid) {
        return units.getOrDefault(seriesUid, MeasurementUnits.PATIENT_MM);
    }

    static MeasurementUnits unitsOf(Volume volume) {
        return MeasurementUnits.of(volume.plan().calibration(), volume.geometry());
    }

    public Executor decodePool() { return decodePool; }

    /**
     * The one left-button tool of these viewports: one of the viewer's own, or a contributed one (e.g.
     * annotation's brush). Choosing either replaces the other; set to null, it goes back to {@link #viewerTool()}.
     */
    public ObjectProperty<Tool> toolProperty() { return tool; }

    public Tool tool() { return tool.get(); }

    /** The contributed tool chosen, or null while the viewer's own tool has the left button. */
    public PlaneTool planeTool() {
        return tool.get() instanceof PlaneTool p ? p : null;
    }

    /** The viewer's own tool last chosen: the one the left button has, or goes back to when a contributed tool is put down. */
    public ViewportTool viewerTool() { return viewerTool; }

    /** Puts a contributed tool down (the viewer's own tool takes the left button again); nothing if none is chosen. */
    public void putDownPlaneTool() {
        if (tool.get() instanceof PlaneTool) {
            tool.set(viewerTool);
        }
    }

    public ObjectProperty<SliceViewport> activeProperty() { return active; }

    /** The pixel under the cursor in any viewport, for the status bar. */
    public ObjectProperty<PixelProbe.Reading> readingProperty() { return reading; }

    public LinkedScrolling scrolling() { return scrolling; }

    public CinePlayer cine() { return cine; }

    /** Viewports currently on screen; the grid keeps this list. */
    public ObservableList<SliceViewport> onScreen() { return onScreen; }

    /** The states of the viewports on screen other than {@code self}. */
    public List<ViewportState> others(SliceViewport self) {
        return onScreen.stream().filter(v -> v != self).map(SliceViewport::state).toList();
    }

    /** Redraws every viewport's graphics (after a crosshair move or a measurement change). */
    public void redrawGraphics() {
        onScreen.forEach(SliceViewport::redrawGraphics);
    }
}
