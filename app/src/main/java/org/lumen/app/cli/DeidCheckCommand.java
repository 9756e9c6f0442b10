// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lumen.annotation.dicom.LeakScanner;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.dicom.DicomSniffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen deid check DIR --against ORIGINAL}: searches every de-identified file for the
 * identifying values of the originals, in every element. Exits 1 when one is found.
 */
@Command(name = "check", description = "Search de-identified files for the originals' identifying values (names, IDs, dates, UIDs, ...).")
final class DeidCheckCommand implements Callable<Integer> {

    @ParentCommand
    private DeidCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The de-identified files (a folder or a file).")
    private Path dir;

    @Option(names = "--against", paramLabel = "ORIGINAL", required = true, description = "The original files (a folder or a file).")
    private Path original;

    @Option(names = "--kept-dates", description = "The de-identification kept dates (retain-longitudinal-full-dates): dates are not leaks.")
    private boolean keptDates;

    @Option(names = "--kept-uids", description = "The de-identification kept UIDs (retain-uids): UIDs are not leaks.")
    private boolean keptUids;

    @Option(names = "--json", description = "Print the leaks as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        LeakScanner scanner = new LeakScanner();
        List<LeakScanner.Leak> leaks = lumen.runTask(BackgroundTask.of("Looking for leaks in " + dir, task -> {
            for (Path file : files(original)) {
                if (!DicomSniffer.mayBeDicom(file)) {
                    continue;
                }
                try {
                    scanner.learn(file, !keptDates, !keptUids);
                } catch (IOException e) {
                    // Not DICOM: it has no identifying values to look for.
                }
            }
            List<Path> outputs = files(dir).stream().filter(DicomSniffer::mayBeDicom).toList();
            List<LeakScanner.Leak> found = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                task.progress(i, outputs.size());
                found.addAll(scanner.scan(outputs.get(i)));
            }
            return found;
        }));
        PrintWriter o = lumen.out();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode list = root.putArray("leaks");
            leaks.forEach(l -> list.addObject().put("file", l.file().toString()).put("element", l.where()).put("what", l.what()));
            root.put("count", leaks.size());
            root.put("valuesLookedFor", scanner.size());
            root.put("ambiguousValues", scanner.ambiguous());
            o.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else if (leaks.isEmpty()) {
            o.printf("no identifying value of the originals was found in %s (%d value(s) looked for", dir, scanner.size());
            o.println(scanner.ambiguous() == 0 ? ")" : "; " + scanner.ambiguous() + " not looked for, as the originals also hold them "
                    + "in attributes that are kept, such as a manufacturer)");
        } else {
            // The values themselves are not printed: the report would leak them.
            leaks.forEach(l -> o.printf("leak: %s element %s holds the original %s%n", l.file(), l.where(), l.what()));
            o.printf("%d leak(s)%n", leaks.size());
        }
        o.flush();
        return leaks.isEmpty() ? 0 : 1;
    }

    private static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
