// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.app.study.SeriesSelector;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.AutoWindow;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.PngWriter;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.render.ValueStatistics;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.viewport.WindowText;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen render}: one slice through the viewer's rendering path, written as PNG. */
@Command(name = "render", description = "Render one slice of a series to a PNG through the viewer's rendering path.")
final class RenderCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "PATH", description = "A DICOM file, folder, zip or DICOMDIR.")
    private Path path;

    @Option(names = "--series", paramLabel = "UID|INDEX", description = "Series UID, or its index in `lumen info` (default: the main series, the one the window opens: never a localizer while another image series exists).")
    private String series;

    @Option(names = "--slice", paramLabel = "N", defaultValue = "0", description = "Slice index from 0 along the sorted volume (or frames).")
    private int slice;

    @Option(names = "--window", paramLabel = "PRESET|CENTER,WIDTH",
            description = "A preset (CT: lung, mediastinum, soft-tissue, bone, brain, abdomen, liver; a file's own by its name; auto; \"full range\"; voi) or CENTER,WIDTH.")
    private String window;

    @Option(names = "--invert", description = "Invert the greyscale (on top of MONOCHROME1's own inversion).")
    private boolean invert;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Outputs.file(out);
        DicomIndex index = lumen.index(path);
        Series chosen = SeriesSelector.select(index, series);
        StackPlan plan = new StackPlanner().plan(chosen);
        if (plan.frames().isEmpty()) {
            throw new IllegalArgumentException("series " + chosen.uid() + " has no image to render: " + String.join("; ", plan.notes()));
        }
        if (slice < 0 || slice >= plan.sliceCount()) {
            throw new IllegalArgumentException("slice " + slice + " is out of range: the series has " + plan.sliceCount()
                    + " slices (0.." + (plan.sliceCount() - 1) + ")");
        }
        try (Volume volume = lumen.loader().open(plan)) {
            VoxelSlice pixels = volume.slice(slice);
            InstanceHeader header = volume.frame(slice).instance();
            boolean real = volume.holdsRealWorldValues();
            DisplaySettings settings = settings(header, pixels, real);
            SliceRenderer renderer = new SliceRenderer();
            if (pixels.type() == VoxelType.RGB) {
                int[] argb = new int[pixels.columns() * pixels.rows()];
                renderer.renderArgb(pixels, settings, argb);
                PngWriter.writeArgb(argb, pixels.columns(), pixels.rows(), out);
            } else {
                byte[] gray = new byte[pixels.columns() * pixels.rows()];
                renderer.renderGray(pixels, settings, gray);
                PngWriter.writeGray(gray, pixels.columns(), pixels.rows(), out);
            }
            lumen.out().printf(Locale.ROOT, "wrote %s: slice %d of %d, %dx%d, %s%s%n", out, slice, plan.sliceCount(),
                    pixels.columns(), pixels.rows(), describe(settings, real ? units(header) : null), settings.invert() ? ", inverted" : "");
            lumen.out().flush();
        }
        return 0;
    }

    /** The real-world units of a map (its mapping was read when its slice was decoded). */
    private static String units(InstanceHeader header) {
        RealWorldValues mapping = RealWorldValues.known(header.file());
        return mapping == null ? "" : mapping.units();
    }

    /** The display asked for; a map's (real-world values, ADR 0039) windows are in its mapping's values and units. */
    private DisplaySettings settings(InstanceHeader header, VoxelSlice pixels, boolean real) {
        boolean monochrome1 = header.pixels().photometric() == Photometric.MONOCHROME1;
        boolean inverted = monochrome1 ^ invert;
        if (window == null) {
            DisplaySettings defaults = DisplayDefaults.initial(header, pixels);
            return new DisplaySettings(defaults.window(), defaults.voiLut(), inverted);
        }
        String wanted = window.strip();
        if (wanted.equalsIgnoreCase("voi")) {
            if (header.voiLut() == null) {
                throw new IllegalArgumentException("this image has no VOI LUT; choose a window preset or CENTER,WIDTH");
            }
            return new DisplaySettings(AutoWindow.of(pixels), header.voiLut(), inverted);
        }
        if (wanted.equalsIgnoreCase(AutoWindow.AUTO)) {
            return DisplaySettings.window(real ? AutoWindow.ofReal(ValueStatistics.of(pixels)) : AutoWindow.of(pixels), inverted);
        }
        if (wanted.equalsIgnoreCase(AutoWindow.FULL_RANGE)) {
            ValueStatistics values = ValueStatistics.of(pixels);
            return DisplaySettings.window(real ? AutoWindow.fullRangeReal(values) : AutoWindow.fullRange(values), inverted);
        }
        List<WindowPreset> presets = real ? WindowPresets.forSeries(header) : WindowPresets.forSeries(header.series().modality(), header.windows());
        WindowPreset preset = WindowPresets.find(wanted, presets)
                .or(() -> WindowPresets.parseCenterWidth(wanted, real))
                .orElseThrow(() -> {
                    List<String> names = new ArrayList<>(presets.stream().map(WindowPreset::name).toList());
                    names.add(AutoWindow.AUTO);
                    names.add(AutoWindow.FULL_RANGE);
                    if (header.voiLut() != null) {
                        names.add("voi");
                    }
                    return new IllegalArgumentException("unknown window '" + window + "': use CENTER,WIDTH or one of " + String.join(", ", names));
                });
        return DisplaySettings.window(preset, inverted);
    }

    /** "window auto (C 40, W 400)"; a map's in its real-world values and {@code units} (null for modality values). */
    private static String describe(DisplaySettings settings, String units) {
        if (settings.voiLut() != null) {
            return "VOI LUT" + (settings.voiLut().explanation() == null ? "" : " " + settings.voiLut().explanation());
        }
        WindowPreset w = settings.window();
        if (units != null) {
            return "window " + w.name() + " (" + WindowText.centerWidth(w.center(), w.width(), units) + ")";
        }
        return String.format(Locale.ROOT, "window %s (C %s, W %s)", w.name(), number(w.center()), number(w.width()));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
