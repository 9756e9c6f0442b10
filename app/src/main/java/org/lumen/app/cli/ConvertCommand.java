// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.app.study.SeriesSelector;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.convert.VolumeExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen convert PATH --series N --to nifti|nrrd|raw --out FILE}: a series' modality values (after
 * the modality LUT, as the viewer shows them) for other tools, with the patient geometry in the header.
 */
@Command(name = "convert", description = "Write a series' values (after the modality LUT) as NIfTI, NRRD or raw little-endian.")
final class ConvertCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "PATH", description = "A DICOM file, folder, zip or DICOMDIR.")
    private Path path;

    @Option(names = "--series", paramLabel = "UID|INDEX", description = "Series UID, or its index in `lumen info` (default: the main series).")
    private String series;

    @Option(names = "--to", required = true, paramLabel = "nifti|nrrd|raw",
            description = "nifti (gzipped .nii.gz, geometry in the affine), nrrd (attached header, LPS) or raw (values only, little endian).")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the file.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        VolumeExport.Format to = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "nifti", "nii" -> VolumeExport.Format.NIFTI;
            case "nrrd" -> VolumeExport.Format.NRRD;
            case "raw" -> VolumeExport.Format.RAW;
            default -> throw new IllegalArgumentException("unknown format '" + format + "': use nifti, nrrd or raw");
        };
        Outputs.file(out);
        DicomIndex index = lumen.index(path);
        Series chosen = SeriesSelector.select(index, series);
        StackPlan plan = new StackPlanner().plan(chosen);
        if (plan.frames().isEmpty()) {
            throw new IllegalArgumentException("series " + chosen.uid() + " has no image to convert: " + String.join("; ", plan.notes()));
        }
        try (Volume volume = lumen.loader().open(plan)) {
            lumen.runTask(lumen.loader().loadTask(volume, 0));
            if (!volume.failures().isEmpty()) {
                var first = volume.failures().entrySet().iterator().next();
                throw new IllegalArgumentException(volume.failures().size() + " slice(s) of series " + chosen.uid()
                        + " could not be read (slice " + first.getKey() + ": " + first.getValue() + ")");
            }
            VolumeExport.Written written = VolumeExport.write(volume, to, out);
            lumen.out().printf(Locale.ROOT, "wrote %s: %dx%dx%d %s%s%n", out, written.columns(), written.rows(), written.slices(),
                    written.dataType(), to == VolumeExport.Format.RAW ? " little endian, columns fastest" : "");
            if (plan.isVolume() && !plan.isRegular()) {
                lumen.out().printf(Locale.ROOT, "note: the slices are not evenly spaced (%s); the header holds their mean step%n",
                        plan.geometry().describeSpacing());
            }
            lumen.out().flush();
        }
        return 0;
    }
}
