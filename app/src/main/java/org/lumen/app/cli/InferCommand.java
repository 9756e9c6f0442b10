// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.aiassist.cache.ResultJson;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.VolumeFacts;
import org.lumen.aiassist.grid.VolumeSeriesInput;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.app.ai.ImageRunRecords;
import org.lumen.app.study.DemoStudy;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.study.SeriesSelector;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.nifti.NiftiWriter;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lumen infer PATH --model ID|DIR --out DIR}: runs a model on one series through the same
 * engine as the workstation and writes the heatmap (NIfTI, in the series' geometry; for a series with
 * uneven slice gaps, on the evenly spaced grid over its true slice positions, since an affine cannot hold
 * uneven slices, and said so) and findings.json (findings in patient mm, the model's id, version and sha256, the device really used,
 * per-stage timings). A series outside the model's intended use (its card's criteria) is refused with
 * every reason on stderr and exit code 3, unless {@code --outside-intended-use} insists: then every
 * result (stdout, findings.json, the heatmap's description, the catalog) is marked outside intended use.
 */
@Command(name = "infer", description = "Run an AI model on a series; write heatmap.nii.gz (in the series' geometry) and findings.json.",
        footerHeading = "%nIntended use:%n",
        footer = {"Before running, the series is checked against the intended use its model card declares (modality, body part,",
                "slice thickness and spacing, a regular volume, value range). A series outside it is refused: the reasons go to",
                "stderr and the exit code is " + InferCommand.EXIT_OUTSIDE_INTENDED_USE + ". With --outside-intended-use the model runs anyway and every result",
                "is marked \"outside intended use\" (stdout, findings.json, the heatmap's description and the catalog)."})
final class InferCommand implements Callable<Integer> {

    static final String HEATMAP = "heatmap.nii.gz";
    static final String FINDINGS = "findings.json";
    /** The exit code of a run refused because the series is outside the model's intended use. */
    static final int EXIT_OUTSIDE_INTENDED_USE = 3;
    static final String OUTSIDE_MARK = "OUTSIDE INTENDED USE";

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A DICOM file, folder, zip or DICOMDIR; `demo` for the built-in demo study.")
    private String path;

    @Option(names = "--model", required = true, paramLabel = "ID|DIR",
            description = "An installed model's id (`demo` for the bundled demo model; id@version for one version) or a package folder or zip.")
    private String model;

    @Option(names = "--series", paramLabel = "UID|INDEX", description = "Series UID, or its index in `lumen info` (default: the main series, the one the window opens: never a localizer while another image series exists).")
    private String series;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda:N", defaultValue = "auto",
            description = "Where to run: auto (CUDA when it initialises, else the CPU), cpu, or cuda:N (default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write heatmap.nii.gz and findings.json into (created if missing).")
    private Path out;

    @Option(names = "--no-cache", description = "Run the model even when a saved result for this series (2D models: these images) and model exists.")
    private boolean noCache;

    /** What the heatmaps' grid is when it is not the series' own (an irregular stack), else null. */
    private String gridNote;

    @Option(names = "--outside-intended-use",
            description = "Run even when the series is outside the model's intended use; every result is then marked outside intended use.")
    private boolean outsideIntendedUse;

    @Option(names = "--explain", paramLabel = "none|occlusion|rise", defaultValue = "none",
            description = "2D classification models: explain each image's top class by occlusion or RISE (default: ${DEFAULT-VALUE}).")
    private String explain;

    @Option(names = "--json", description = "Print the result as JSON (what findings.json holds, camelCase keys) instead of the summary.")
    private boolean json;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "The catalog that records the run and its findings (default: the one in the user data folder).")
    private Path catalogFile;

    @Override
    public Integer call() throws Exception {
        DeviceRequest request = DeviceRequest.parse(device);
        UserDataFolder data = lumen.dataFolder();
        ModelPackage pkg = lumen.services().models().resolve(model);
        Outputs.folder(out, FINDINGS);
        DicomIndex index = "demo".equals(path)
                ? lumen.runTask(lumen.opener().openTask(lumen.runTask(DemoStudy.ensureTask(data))))
                : lumen.index(Path.of(path));
        Series chosen = SeriesSelector.select(index, series);
        if (pkg.card().isImageModel()) {
            return inferImages(chosen, pkg, request, index);
        }
        StackPlan plan = new StackPlanner().plan(chosen);
        if (plan.frames().isEmpty()) {
            throw new IllegalArgumentException("series " + chosen.uid() + " has no images to run a model on: " + String.join("; ", plan.notes()));
        }
        InferenceResult result;
        gridNote = !plan.isVolume() || plan.isRegular() ? null : String.format(Locale.ROOT,
                "the series' slices are not evenly spaced (%s): the model ran, and the NIfTI heatmaps are written, on an evenly"
                        + " spaced %.2f mm grid over their true positions (a NIfTI affine cannot hold uneven slices)",
                plan.geometry().describeSpacing(), plan.geometry().uniformSpacing());
        try (Volume volume = lumen.loader().open(plan)) {
            lumen.runTask(lumen.loader().loadTask(volume, volume.sliceCount() / 2));
            if (!volume.failures().isEmpty()) {
                var first = volume.failures().entrySet().iterator().next();
                throw new IllegalArgumentException(volume.failures().size() + " slice(s) of series " + chosen.uid()
                        + " could not be read (slice " + first.getKey() + ": " + first.getValue() + ")");
            }
            InferenceEngine engine = lumen.services().inference();
            VolumeSeriesInput input = new VolumeSeriesInput(volume);
            InferenceRequest what = InferenceRequest.defaults().withDevice(request).withCache(!noCache)
                    .withFacts(VolumeFacts.of(volume, input)).withRunOutsideIntendedUse(outsideIntendedUse);
            try {
                result = lumen.runTask(engine.task(input, pkg, what));
            } catch (OutsideIntendedUseException e) {
                return refuse(e);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        if (result.device().isFallback() && !result.fromCache()) {
            err.println("lumen: note: " + result.device().summary() + " (" + result.device().note() + ")");
        }
        if (result.outsideIntendedUse()) {
            err.println("lumen: warning: " + pkg.card().name() + " ran outside its intended use, as asked (--outside-intended-use): "
                    + result.intendedUse().reasonsSentence());
        }
        err.flush();
        List<String> files = writeHeatmaps(result, pkg);
        ObjectNode json = ResultJson.write(result);
        if (gridNote != null) {
            json.put("gridNote", gridNote);
        }
        ArrayNode heatmaps = json.putArray("heatmaps");
        for (int n = 0; n < result.heatmaps().size(); n++) {
            Heatmap h = result.heatmaps().get(n);
            ObjectNode node = heatmaps.addObject();
            node.put("file", files.get(n + (result.heatmaps().size() > 1 ? 1 : 0)));
            node.put("label", h.label());
            node.put("classIndex", h.classIndex());
            node.put("colour", h.colour());
            node.put("threshold", h.threshold());
            node.put("kind", h.kind());
        }
        AtomicFiles.write(out.resolve(FINDINGS), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        if (this.json) {
            lumen.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            lumen.out().flush();
        } else {
            report(result, files);
        }
        // A run nobody can trace afterwards is a failure, even though its files were written (issue 15).
        return recordInCatalog(result, index, err) ? 0 : 1;
    }

    /** A 2D image model: every image of the series, combined by the card's study rule (see {@link ImageInfer}). */
    private int inferImages(Series chosen, ModelPackage pkg, DeviceRequest request, DicomIndex index) throws Exception {
        ImageInfer infer = new ImageInfer(lumen, out);
        ImageRequest what = ImageRequest.defaults().withDevice(request).withRunOutsideIntendedUse(outsideIntendedUse)
                .withExplain(explainMethod()).withCache(!noCache);
        ImageInfer.Outcome outcome;
        try {
            outcome = infer.run(chosen, pkg, what);
        } catch (OutsideIntendedUseException e) {
            return refuse(e);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (outcome.study().images().stream().anyMatch(org.lumen.aiassist.image2d.ImageResult::outsideIntendedUse)) {
            err.println("lumen: warning: " + pkg.card().name() + " ran outside its intended use, as asked (--outside-intended-use)");
            err.flush();
        }
        if (json) {
            lumen.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(outcome.json()));
            lumen.out().flush();
        } else {
            infer.report(outcome, lumen.out());
        }
        Path file = catalogFile != null ? catalogFile : lumenData().catalog();
        try {
            org.lumen.annotation.catalog.Catalog catalog = lumen.services().catalog(file);
            catalog.studies().upsert(index, path);
            var run = catalog.aiRuns().record(ImageRunRecords.of(chosen.uid(), outcome.study(), outcome.places()));
            if (!json) {
                lumen.out().printf(Locale.ROOT, "recorded AI run %d with %d findings in %s%n", run.id(), run.findings().size(), file);
                lumen.out().flush();
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("lumen: the run was not recorded in the catalog, so it cannot be traced afterwards (" + e.getMessage()
                    + "); its files were written to " + out);
            err.flush();
            return 1;
        }
    }

    private ImageRequest.Explain explainMethod() {
        return switch (explain.toLowerCase(Locale.ROOT)) {
            case "none" -> ImageRequest.Explain.NONE;
            case "occlusion" -> ImageRequest.Explain.OCCLUSION;
            case "rise" -> ImageRequest.Explain.RISE;
            default -> throw new IllegalArgumentException("--explain is none, occlusion or rise, not \"" + explain + "\"");
        };
    }

    /** Nothing is run or written: every reason on stderr, one per line, and how to insist. */
    private int refuse(OutsideIntendedUseException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("lumen: " + e.headline() + ":");
        e.assessment().reasons().forEach(r -> err.println("  - " + r));
        err.println("lumen: nothing was run; add --outside-intended-use to run it anyway (every result is then marked outside intended use)");
        err.flush();
        return EXIT_OUTSIDE_INTENDED_USE;
    }

    /** The run and its findings go into the catalog; the files are written already, so a catalog problem is a warning. */
    /** Records the run and its findings; false, with the sentence on stderr, when it could not be recorded. */
    private boolean recordInCatalog(InferenceResult result, DicomIndex index, PrintWriter err) {
        Path file = catalogFile != null ? catalogFile : lumenData().catalog();
        try {
            org.lumen.annotation.catalog.Catalog catalog = lumen.services().catalog(file);
            catalog.studies().upsert(index, path);
            var run = catalog.aiRuns().record(org.lumen.app.ai.AiRunRecords.of(result));
            if (!json) {
                lumen.out().printf(java.util.Locale.ROOT, "recorded AI run %d with %d findings%s in %s%n", run.id(), run.findings().size(),
                        result.outsideIntendedUse() ? " (" + OUTSIDE_MARK.toLowerCase(Locale.ROOT) + ")" : "", file);
                lumen.out().flush();
            }
            return true;
        } catch (RuntimeException e) {
            err.println("lumen: the run was not recorded in the catalog, so it cannot be traced afterwards (" + e.getMessage()
                    + "); its files were written to " + out);
            err.flush();
            return false;
        }
    }

    private UserDataFolder lumenData() {
        try {
            return lumen.dataFolder();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no user data folder: " + e.getMessage(), e);
        }
    }

    /**
     * heatmap.nii.gz is the model's heatmap; with several classes it is their voxel-wise maximum and
     * each class also gets heatmap-LABEL.nii.gz.
     */
    private List<String> writeHeatmaps(InferenceResult result, ModelPackage pkg) throws java.io.IOException {
        List<String> files = new ArrayList<>();
        List<Heatmap> maps = result.heatmaps();
        if (maps.isEmpty()) {
            return files;
        }
        NiftiWriter writer = new NiftiWriter();
        String provenance = pkg.id() + " " + pkg.version() + " sha256 " + pkg.sha256().substring(0, 12)
                + (gridNote == null ? "" : String.format(Locale.ROOT, ", uniform %.3g mm", maps.getFirst().volume().grid().spacing(2)));
        // NIfTI keeps 80 characters of description: the mark goes first so that it is never cut off.
        String mark = result.outsideIntendedUse() ? OUTSIDE_MARK + ": " : "";
        if (maps.size() == 1) {
            Heatmap h = maps.getFirst();
            writer.writeFloat32(out.resolve(HEATMAP), h.volume().grid().toNifti(), h.volume().toArray(),
                    ascii(mark + h.kind() + " " + h.label() + ", " + provenance));
            files.add(HEATMAP);
            return files;
        }
        float[] max = new float[maps.getFirst().volume().grid().arrayLength()];
        for (Heatmap h : maps) {
            float[] v = h.volume().toArray();
            for (int i = 0; i < max.length; i++) {
                max[i] = Math.max(max[i], v[i]);
            }
        }
        FloatVolume first = maps.getFirst().volume();
        writer.writeFloat32(out.resolve(HEATMAP), first.grid().toNifti(), max, ascii(mark + "max over classes, " + provenance));
        files.add(HEATMAP);
        for (Heatmap h : maps) {
            String name = "heatmap-" + h.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + h.kind() + ".nii.gz";
            writer.writeFloat32(out.resolve(name), h.volume().grid().toNifti(), h.volume().toArray(),
                    ascii(mark + h.kind() + " " + h.label() + ", " + provenance));
            files.add(name);
        }
        return files;
    }

    private void report(InferenceResult result, List<String> files) {
        PrintWriter o = lumen.out();
        var t = result.timings();
        String mark = result.outsideIntendedUse() ? " [" + OUTSIDE_MARK.toLowerCase(Locale.ROOT) + "]" : "";
        if (result.outsideIntendedUse()) {
            o.println(OUTSIDE_MARK + ": every result below is outside the model's intended use: " + result.intendedUse().reasonsSentence());
        }
        o.printf(Locale.ROOT, "%s %s on %s%s: %d finding(s), %d tile(s)%n", result.provenance().modelId(),
                result.provenance().modelVersion(), result.device().id(), result.fromCache() ? " (saved result)" : "",
                result.findings().size(), result.tiles());
        if (!result.fromCache()) {
            o.printf(Locale.ROOT, "  load %.0f ms, preprocess %.0f ms, inference %.0f ms, postprocess %.0f ms, write %.0f ms%n",
                    t.loadMs(), t.preprocessMs(), t.inferenceMs(), t.postprocessMs(), t.writeMs());
        }
        for (Finding f : result.findings()) {
            double[] c = f.centerMm().toArray();
            o.printf(Locale.ROOT, "  #%d %s %.3f at (%.1f, %.1f, %.1f) mm, %.1f mm, %.0f mm3%s%n", f.rank(), f.label(), f.score(),
                    c[0], c[1], c[2], f.sizeMm(), f.volumeMm3(), mark);
        }
        result.classScores().forEach(s -> o.printf(Locale.ROOT, "  %s %.3f%s%s%n", s.label(), s.score(),
                s.slice() >= 0 ? " (slice " + s.slice() + ")" : "", mark));
        if (gridNote != null && !files.isEmpty()) {
            o.println("  note: " + gridNote);
        }
        List<String> written = new ArrayList<>(files);
        written.add(FINDINGS);
        o.printf("wrote %s in %s%n", String.join(", ", written), out);
        o.flush();
    }

    private static String ascii(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
