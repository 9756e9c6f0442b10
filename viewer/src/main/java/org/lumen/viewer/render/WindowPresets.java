// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lumen.viewer.image.WindowPreset;

/** The standard CT windows, plus a file's own, and lookup by name. */
public final class WindowPresets {

    public static final List<WindowPreset> CT = List.of(
            new WindowPreset("lung", -600, 1500),
            new WindowPreset("mediastinum", 40, 400),
            new WindowPreset("soft-tissue", 40, 400),
            new WindowPreset("bone", 400, 1800),
            new WindowPreset("brain", 40, 80),
            new WindowPreset("abdomen", 50, 400),
            new WindowPreset("liver", 60, 160));

    private WindowPresets() { }

    /** The presets offered for a series: the file's own first, then the modality's standard ones. */
    public static List<WindowPreset> forSeries(String modality, List<WindowPreset> fromFile) {
        List<WindowPreset> presets = new ArrayList<>(fromFile);
        if ("CT".equalsIgnoreCase(modality)) {
            presets.addAll(CT);
        }
        return presets;
    }

    /**
     * Finds a preset by name: an exact match first (so "brain" is the standard CT window even when
     * the file has its own "BRAIN"), then ignoring case.
     */
    public static Optional<WindowPreset> find(String name, List<WindowPreset> presets) {
        String wanted = name.strip();
        return presets.stream().filter(p -> p.name().equals(wanted)).findFirst()
                .or(() -> presets.stream().filter(p -> p.name().equalsIgnoreCase(wanted)).findFirst());
    }

    /** Parses "CENTER,WIDTH" (e.g. "40,400") into a custom window. */
    public static Optional<WindowPreset> parseCenterWidth(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            double center = Double.parseDouble(parts[0].strip());
            double width = Double.parseDouble(parts[1].strip());
            return width >= 1 ? Optional.of(new WindowPreset("custom", center, width)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
