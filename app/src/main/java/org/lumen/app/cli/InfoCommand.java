// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.app.study.InfoReport;
import org.lumen.app.study.NothingFound;
import org.lumen.viewer.dicom.TransferSyntaxes;
import org.lumen.viewer.index.DicomIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen info PATH [--json]}: studies, series, how they stack, and every file that could not be used.
 * Exits 1 with a sentence on stderr when PATH holds no study (an empty folder, no DICOM file).
 */
@Command(name = "info", description = "List the studies and series under PATH and every file that could not be used.")
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "PATH", description = "A DICOM file, folder, zip or DICOMDIR.")
    private Path path;

    @Option(names = "--json", description = "Machine-readable output (camelCase keys).")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        DicomIndex index = lumen.runTask(lumen.opener().openTask(path));
        InfoReport report = InfoReport.of(path.toString(), index);
        PrintWriter out = lumen.out();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            printText(report, out);
        }
        out.flush();
        // The report above lists each file's reason; the exit status and one sentence say that nothing was found.
        NothingFound.explain(path, index).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return 0;
    }

    private static void printText(InfoReport report, PrintWriter out) {
        for (InfoReport.StudyReport study : report.studies()) {
            out.printf("Study %s  %s  patient %s (%s)  %s%n", study.studyInstanceUid(), nz(study.studyDate()),
                    nz(study.patientName()), nz(study.patientId()), nz(study.studyDescription()));
            for (InfoReport.SeriesReport s : study.series()) {
                out.printf(Locale.ROOT, "  [%d] %s #%s %s  %s%n", s.index(), nz(s.modality()),
                        s.seriesNumber() == null ? "-" : s.seriesNumber(), nz(s.description()), s.seriesInstanceUid());
                if (s.rows() != null) {
                    out.printf(Locale.ROOT, "      %d instances, %d frames, %dx%d, %d slices, %s%s%s%n", s.instances(), s.frames(),
                            s.columns(), s.rows(), s.sliceCount(), !s.isVolume() ? "not a volume" : s.isRegular() ? "volume"
                                    : String.format(Locale.ROOT, "volume at true slice positions (irregular spacing %.3g to %.3g mm)",
                                            s.sliceGapsMm()[0], s.sliceGapsMm()[1]),
                            s.sliceSpacing() == null ? "" : String.format(Locale.ROOT, ", slice spacing %.4g mm", s.sliceSpacing()),
                            s.spacingText());
                } else {
                    out.printf("      %d instance(s): %s%n", s.instances(), s.kind());
                }
                out.printf("      %s%n", String.join(", ", s.transferSyntaxes().stream().map(TransferSyntaxes::name).toList()));
                s.notes().forEach(n -> out.printf("      note: %s%n", n));
                s.contents().forEach(c -> out.printf("      holds: %s%n", c));
            }
        }
        if (!report.problems().isEmpty()) {
            out.printf("%d file(s) could not be used:%n", report.problems().size());
            report.problems().forEach(p -> out.printf("  %s: %s%n", p.file(), p.reason()));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
