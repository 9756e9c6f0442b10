// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The overlays of each series on screen, by series instance UID: what a viewport draws over its
 * image. Heatmaps are drawn first, label layers over them, each in the order added. Listeners hear
 * about added and removed layers and about every change inside one.
 */
public final class OverlayLayers {

    private final Map<String, List<OverlayLayer>> bySeries = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Runnable relay = this::changed;

    public synchronized List<OverlayLayer> of(String seriesUid) {
        return List.copyOf(bySeries.getOrDefault(seriesUid, List.of()));
    }

    /** Adds a layer, replacing one of the same name on that series. */
    public void put(String seriesUid, OverlayLayer layer) {
        synchronized (this) {
            List<OverlayLayer> layers = bySeries.computeIfAbsent(seriesUid, s -> new ArrayList<>());
            layers.removeIf(l -> {
                boolean same = l.name().equals(layer.name());
                if (same) {
                    l.removeListener(relay);
                }
                return same;
            });
            layers.add(layer);
            layer.addListener(relay);
        }
        changed();
    }

    public void remove(String seriesUid, String name) {
        boolean removed;
        synchronized (this) {
            List<OverlayLayer> layers = bySeries.getOrDefault(seriesUid, new ArrayList<>());
            removed = layers.removeIf(l -> {
                boolean same = l.name().equals(name);
                if (same) {
                    l.removeListener(relay);
                }
                return same;
            });
        }
        if (removed) {
            changed();
        }
    }

    /** Removes every layer of a series (its study was closed or replaced). */
    public void removeSeries(String seriesUid) {
        List<OverlayLayer> removed;
        synchronized (this) {
            removed = bySeries.remove(seriesUid);
            if (removed != null) {
                removed.forEach(l -> l.removeListener(relay));
            }
        }
        if (removed != null && !removed.isEmpty()) {
            changed();
        }
    }

    /** The series that have layers. */
    public synchronized List<String> series() {
        return bySeries.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Shows or hides every heatmap of a series at once (the viewer's one-key toggle). */
    public void toggleHeatmaps(String seriesUid) {
        List<OverlayLayer> heatmaps = of(seriesUid).stream().filter(OverlayLayer::isHeatmap).toList();
        boolean anyVisible = heatmaps.stream().anyMatch(OverlayLayer::visible);
        heatmaps.forEach(l -> l.setVisible(!anyVisible));
    }

    /** Shows or hides every label layer of a series at once. */
    public void toggleLabels(String seriesUid) {
        List<OverlayLayer> labels = of(seriesUid).stream().filter(l -> !l.isHeatmap()).toList();
        boolean anyVisible = labels.stream().anyMatch(OverlayLayer::visible);
        labels.forEach(l -> l.setVisible(!anyVisible));
    }

    public void addListener(Runnable listener) { listeners.add(listener); }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
