// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.app.study.DemoStudy;
import org.lumen.app.gui.WorkstationSnapshot;
import org.lumen.app.study.SeriesSelector;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.viewport.WindowText;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.AutoWindow;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.ui.ViewportGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen snapshot}: the real workstation window, rendered headless to a PNG. */
@Command(name = "snapshot", description = "Render the workstation window headless (no display needed) to a PNG: for READMEs, teaching material and checks.")
final class SnapshotCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "PATH", description = "A DICOM file, folder, zip or DICOMDIR; `demo` for the built-in demo study.")
    private String path;

    @Option(names = "--series", paramLabel = "UID|INDEX", description = "Series UID, or its index in `lumen info` (default: the main series, the one the window opens: never a localizer while another image series exists).")
    private String series;

    @Option(names = "--layout", paramLabel = "1x1|1x2|2x2|mpr", defaultValue = "1x1", description = "Viewport layout (default: ${DEFAULT-VALUE}).")
    private String layout;

    @Option(names = "--window", paramLabel = "PRESET|CENTER,WIDTH", description = "A window preset (CT: lung, mediastinum, soft-tissue, bone, brain, abdomen, liver; a file's own by name; auto; \"full range\") or CENTER,WIDTH.")
    private String window;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1440x900", description = "Window size in pixels (default: ${DEFAULT-VALUE}).")
    private String size;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        ViewportGrid.Layout chosenLayout = ViewportGrid.Layout.parse(layout)
                .orElseThrow(() -> new IllegalArgumentException("unknown layout '" + layout + "': use 1x1, 1x2, 2x2 or mpr"));
        int[] wh = parseSize(size);
        Outputs.file(out);
        DicomIndex index = "demo".equals(path)
                ? lumen.runTask(lumen.opener().openTask(lumen.runTask(DemoStudy.ensureTask(lumen.dataFolder()))))
                : lumen.index(Path.of(path));
        Series chosen = SeriesSelector.select(index, series);
        if (!chosen.hasImages()) {
            throw new IllegalArgumentException("series " + chosen.uid() + " is a " + chosen.kind().description() + ", not an image series");
        }
        int key = window == null ? 0 : valueKey(window);
        WindowPreset preset = window == null || key > 0 ? null : preset(chosen.instances().getFirst(), window);
        WindowPreset shown = WorkstationSnapshot.write(new WorkstationSnapshot.Request(index, chosen, chosenLayout, preset, key,
                wh[0], wh[1], out), lumen.services());
        InstanceHeader first = chosen.instances().getFirst();
        String centerWidth = RealWorldValues.holdsRealValues(first)
                ? WindowText.centerWidth(shown.center(), shown.width(), units(first)) // a map's real-world values (ADR 0039)
                : String.format(Locale.ROOT, "C %.0f, W %.0f", shown.center(), shown.width());
        lumen.out().printf(Locale.ROOT, "wrote %s: %dx%d, layout %s, series %s, window %s (%s)%n", out, wh[0], wh[1],
                chosenLayout.id(), chosen.uid(), shown.name(), centerWidth);
        lumen.out().flush();
        return 0;
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w >= 320 && h >= 240 && w <= 7680 && h <= 4320) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the sentence below
        }
        throw new IllegalArgumentException("--size must be WIDTHxHEIGHT between 320x240 and 7680x4320, not '" + text + "'");
    }

    /** The key of a window computed from the series' values ("auto", "full range"), as keys 8 and 9 give it; else 0. */
    private static int valueKey(String wanted) {
        String name = wanted.strip();
        return name.equalsIgnoreCase(AutoWindow.AUTO) ? WindowPresets.AUTO_KEY
                : name.equalsIgnoreCase(AutoWindow.FULL_RANGE) ? WindowPresets.FULL_RANGE_KEY : 0;
    }

    private static String units(InstanceHeader header) {
        RealWorldValues mapping = RealWorldValues.known(header.file());
        return mapping == null ? "" : mapping.units();
    }

    private static WindowPreset preset(InstanceHeader header, String wanted) {
        boolean real = RealWorldValues.holdsRealValues(header);
        List<WindowPreset> presets = WindowPresets.forSeries(header);
        return WindowPresets.find(wanted.strip(), presets).or(() -> WindowPresets.parseCenterWidth(wanted.strip(), real))
                .orElseThrow(() -> {
                    List<String> names = new java.util.ArrayList<>(presets.stream().map(WindowPreset::name).toList());
                    names.add(AutoWindow.AUTO);
                    names.add(AutoWindow.FULL_RANGE);
                    return new IllegalArgumentException("unknown window '" + wanted + "': use CENTER,WIDTH or one of " + String.join(", ", names));
                });
    }
}
