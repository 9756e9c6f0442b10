// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lumen.annotation.deid.ConfidentialityProfile;
import org.lumen.annotation.deid.DeidOption;
import org.lumen.annotation.deid.DeidSettings;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.deid.RecordingIdentities;
import org.lumen.annotation.deid.PixelRegion;
import org.lumen.annotation.dicom.DicomDeidentifier;
import org.lumen.annotation.export.Deidentification;
import org.lumen.task.BackgroundTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lumen deid PATH... --out DIR [--option NAME]...}: PS3.15's Basic Application Level
 * Confidentiality Profile on files or folders, into a new folder laid out by pseudonym and new UIDs.
 * The same engine as dataset export; {@code lumen deid check} looks for leaks.
 */
@Command(name = "deid", description = "De-identify DICOM files or folders (PS3.15 Basic Profile and options) into a new folder.",
        subcommands = DeidCheckCommand.class,
        footerHeading = "%nOptions of the profile (--option, repeatable):%n",
        footer = {"  retain-safe-private, retain-uids, retain-device-identity,",
                "  retain-institution-identity, retain-patient-characteristics,",
                "  retain-longitudinal-full-dates, retain-longitudinal-modified-dates (dates",
                "  shifted per patient), clean-descriptors, clean-structured-content,",
                "  clean-graphics.",
                "UIDs and pseudonyms come from a secret key in the Lumen data folder",
                "(deid-key): the same original always gives the same replacement on this",
                "workstation, so later exports stay linked. Keep the key; never share it.",
                "Ultrasound, secondary captures, screenshots and images marked Burned In",
                "Annotation YES are held back: their pixels may show names. Look at them,",
                "then run again with --burned-in-reviewed to include them, or with --mask",
                "X,Y,W,H to blank where the device writes its text."})
final class DeidCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    // Checked in call(), not by picocli: `deid check` must not need them.
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "DICOM files or folders.")
    private List<Path> paths = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "A new or empty folder for the de-identified files (required).")
    private Path out;

    @Option(names = "--option", paramLabel = "NAME", description = "A profile option (see below); repeat for several.")
    private List<String> options = List.of();

    @Option(names = "--burned-in-reviewed", description = "Include images whose pixels may show identifying text: a person has looked at them.")
    private boolean burnedInReviewed;

    @Option(names = "--mask", paramLabel = "X,Y,W,H", description = "Blank this rectangle (pixels from the top-left) in the images that "
            + "are held back for burned-in text, and include them; repeat for several. The pixels are written uncompressed.")
    private List<String> masks = List.of();

    @Option(names = "--json", description = "Print what was done as JSON (counts, held-back and failed files).")
    private boolean json;

    @picocli.CommandLine.Mixin
    private CatalogFileOption catalogFile;

    LumenCommand lumen() {
        return lumen;
    }

    @Override
    public Integer call() throws Exception {
        if (paths.isEmpty() || out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "lumen deid needs the files or folders to de-identify and --out DIR (or: lumen deid check DIR --against ORIGINAL)");
        }
        Set<DeidOption> chosen = EnumSet.noneOf(DeidOption.class);
        for (String o : options) {
            chosen.add(DeidOption.parse(o));
        }
        DeidSettings settings = new DeidSettings(chosen, burnedInReviewed, masks.stream().map(PixelRegion::parse).toList());
        RecordingIdentities identities = new RecordingIdentities(KeyedIdentities.fromKeyFile(lumen.dataFolder().ensureExists().deidKey()));
        DicomDeidentifier deidentifier = new DicomDeidentifier(ConfidentialityProfile.standard(), settings, identities, method(settings));
        Deidentification.Summary summary = lumen.runTask(BackgroundTask.of("De-identifying into " + out,
                task -> new Deidentification(deidentifier).run(paths, out, task)));
        Catalog catalog = catalogFile.catalog(lumen);
        // The way back from replacements to originals stays here, in the site's catalog, never in the output.
        int recorded = catalog.deidMap().record(identities.uids(), identities.patients());
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("what", "de-identified copies");
        detail.put("files", summary.written().size());
        detail.put("heldBack", summary.heldBack().size());
        detail.put("out", summary.out().toAbsolutePath().toString());
        detail.put("deidentification", method(settings));
        catalog.audit().append(org.lumen.annotation.catalog.AuditAction.EXPORT, null, null, detail);
        PrintWriter o = lumen.out();
        if (json) {
            o.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(summary)));
        } else {
            o.printf("de-identified %d file(s) into %s%n", summary.written().size(), summary.out());
            long masked = summary.written().stream().filter(w -> !w.masked().isEmpty()).count();
            if (masked > 0) {
                o.printf("blanked %s in %d image(s) that may show identifying text%n", masks, masked);
            }
            if (summary.notDicom() > 0) {
                o.printf("skipped %d file(s) that are not DICOM%n", summary.notDicom());
            }
            for (DicomDeidentifier.LeftOut l : summary.leftOut()) {
                o.printf("left out %s: %s%n", l.input(), l.why());
            }
            for (DicomDeidentifier.HeldBack h : summary.heldBack()) {
                o.printf("held back %s: %s%n", h.input(), h.why());
            }
            if (!summary.heldBack().isEmpty()) {
                o.printf("%d image(s) held back for review; include them with --burned-in-reviewed once a person has looked at them%n",
                        summary.heldBack().size());
            }
            summary.failed().forEach((file, why) -> o.printf("could not de-identify %s: %s%n", file, why));
            o.printf("recorded %d new replacement(s) in the catalog (which original became which; it never leaves it)%n", recorded);
        }
        o.flush();
        return summary.failed().isEmpty() ? 0 : 1;
    }

    /** The De-identification Method text: what did it, and with which options. */
    static String method(DeidSettings settings) {
        StringBuilder s = new StringBuilder("Lumen PS3.15 Basic");
        for (DeidOption option : DeidOption.values()) {
            if (settings.has(option)) {
                s.append(' ').append(option.code());
            }
        }
        return s.toString();
    }

    private static ObjectNode json(Deidentification.Summary summary) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("out", summary.out().toString());
        root.put("written", summary.written().size());
        root.put("masked", summary.written().stream().filter(w -> !w.masked().isEmpty()).count());
        root.put("notDicom", summary.notDicom());
        ArrayNode held = root.putArray("heldBack");
        summary.heldBack().forEach(h -> held.addObject().put("file", h.input().toString()).put("why", h.why()));
        ArrayNode left = root.putArray("leftOut");
        summary.leftOut().forEach(l -> left.addObject().put("file", l.input().toString()).put("why", l.why()));
        ArrayNode failed = root.putArray("failed");
        summary.failed().forEach((file, why) -> failed.addObject().put("file", file.toString()).put("why", why));
        return root;
    }
}
