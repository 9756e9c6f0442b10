// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.InstanceHeader;

/**
 * The window presets and the keys 1–9 that choose them, fixed per modality so a key means the
 * same on every series (docs/decisions/0015-window-presets-fixed-per-key.md): on CT 1 lung,
 * 2 mediastinum, 3 soft tissue, 4 bone, 5 brain, 6 abdomen, 7 liver; on every modality 8 auto
 * and 9 full range. The file's own windows are on Shift+1–9, in the file's order. A parametric map's view is in
 * real-world values (ADR 0039): no CT preset, auto and full range without the one-unit minimum width, and the
 * file's windows carried through its mapping.
 */
public final class WindowPresets {

    public static final List<WindowPreset> CT = List.of(
            new WindowPreset("lung", -600, 1500),
            new WindowPreset("mediastinum", 50, 350),
            new WindowPreset("soft-tissue", 40, 400),
            new WindowPreset("bone", 400, 1800),
            new WindowPreset("brain", 40, 80),
            new WindowPreset("abdomen", 50, 400),
            new WindowPreset("liver", 60, 160));

    /** The key of the automatic window (0.5th–99.5th percentile of the series), on every modality. */
    public static final int AUTO_KEY = 8;
    /** The key of the full range of the series' values, on every modality. */
    public static final int FULL_RANGE_KEY = 9;

    private WindowPresets() { }

    /**
     * What keys 1–9 give on a series of {@code modality}: element k-1 names key k's preset, null
     * where the key gives none (the CT windows are in Hounsfield units, meaningless elsewhere).
     */
    public static List<String> keyNames(String modality) {
        List<String> names = new ArrayList<>(Collections.nCopies(FULL_RANGE_KEY, (String) null));
        if (isCt(modality)) {
            for (int i = 0; i < CT.size(); i++) {
                names.set(i, CT.get(i).name());
            }
        }
        names.set(AUTO_KEY - 1, AutoWindow.AUTO);
        names.set(FULL_RANGE_KEY - 1, AutoWindow.FULL_RANGE);
        return names;
    }

    /**
     * The window key {@code key} (1–9) gives on a series of {@code modality}; {@code values} is asked
     * only for the automatic and full-range keys, and may give null while no slice is in memory.
     */
    public static Optional<WindowPreset> forKey(int key, String modality, Supplier<ValueStatistics> values) {
        return forKey(key, modality, false, values);
    }

    /**
     * As {@link #forKey(int, String, Supplier)}; with {@code realValues} (a parametric map's view, whatever Modality
     * it copied) the keys give only the automatic and full-range windows, without the one-unit minimum width.
     */
    public static Optional<WindowPreset> forKey(int key, String modality, boolean realValues, Supplier<ValueStatistics> values) {
        if (key == AUTO_KEY || key == FULL_RANGE_KEY) {
            ValueStatistics v = values.get();
            if (v == null) {
                return Optional.empty();
            }
            if (realValues) {
                return Optional.of(key == AUTO_KEY ? AutoWindow.ofReal(v) : AutoWindow.fullRangeReal(v));
            }
            return Optional.of(key == AUTO_KEY ? AutoWindow.of(v) : AutoWindow.fullRange(v));
        }
        return !realValues && isCt(modality) && key >= 1 && key <= CT.size() ? Optional.of(CT.get(key - 1)) : Optional.empty();
    }

    /**
     * The file's own windows as its view uses them: as written, or for a parametric map (whose Window Center and
     * Width apply to stored values) carried through its Real World Value Mapping once that has been read.
     */
    public static List<WindowPreset> fileWindows(InstanceHeader header) {
        if (header.windows().isEmpty() || !RealWorldValues.holdsRealValues(header)) {
            return header.windows();
        }
        RealWorldValues mapping = RealWorldValues.known(header.file());
        return mapping == null ? header.windows() : header.windows().stream().map(mapping::window).toList();
    }

    /** The file's own window on Shift+{@code key} (1–9): the key-th in the file's order. */
    public static Optional<WindowPreset> fileWindow(int key, List<WindowPreset> fromFile) {
        return key >= 1 && key <= fromFile.size() ? Optional.of(fromFile.get(key - 1)) : Optional.empty();
    }

    /** Every named window of a series, for choosing by name: the modality's standard ones, then the file's own. */
    public static List<WindowPreset> forSeries(String modality, List<WindowPreset> fromFile) {
        List<WindowPreset> presets = new ArrayList<>();
        if (isCt(modality)) {
            presets.addAll(CT);
        }
        presets.addAll(fromFile);
        return presets;
    }

    /**
     * Every named window of the series whose first image is {@code header}, for choosing by name: for a parametric map
     * (real-world values) only the file's own windows, through its mapping (the header is read now if it has not been);
     * otherwise as {@link #forSeries(String, List)}.
     */
    public static List<WindowPreset> forSeries(InstanceHeader header) {
        if (!RealWorldValues.holdsRealValues(header)) {
            return forSeries(header.series().modality(), header.windows());
        }
        try {
            RealWorldValues.forFile(header.file());
        } catch (org.lumen.viewer.dicom.UnusableFileException e) {
            return header.windows(); // the pixels cannot be read either; the caller says so when it decodes them
        }
        return fileWindows(header);
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
        return parseCenterWidth(text, false);
    }

    /** Parses "CENTER,WIDTH"; with {@code realValues} (a map's real-world values) any positive width, else at least 1. */
    public static Optional<WindowPreset> parseCenterWidth(String text, boolean realValues) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            double center = Double.parseDouble(parts[0].strip());
            double width = Double.parseDouble(parts[1].strip());
            boolean usable = realValues ? width > 0 && Double.isFinite(width) : width >= 1;
            return usable ? Optional.of(new WindowPreset("custom", center, width)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isCt(String modality) {
        return "CT".equalsIgnoreCase(modality);
    }
}
