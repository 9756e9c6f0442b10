// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.network.ArchiveSearches;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.PatientMatch;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.BackgroundTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen pacs find NODE [filters] [--level patient|study|series] [--json]}: C-FIND at study level,
 * every matching study with its series at series level, or the matching patients at patient level.
 */
@Command(name = "find", description = "Search an archive (C-FIND, or QIDO-RS for DICOMweb): studies, studies with their series (--level series), or patients (--level patient).")
final class PacsFindCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Mixin
    private PacsNodeOptions options;

    @Option(names = "--patient-id", paramLabel = "ID", description = "Patient ID; * and ? are wildcards.")
    private String patientId;

    @Option(names = "--patient-name", paramLabel = "NAME", description = "Patient name as DICOM writes it (FAMILY^GIVEN); * and ? are wildcards.")
    private String patientName;

    @Option(names = "--study-date", paramLabel = "FROM-TO",
            description = "A date (2024-03-01) or an inclusive range (2024-03-01..2024-03-31, 2024-03-01.., ..2024-03-31).")
    private String studyDate;

    @Option(names = "--modality", paramLabel = "MODALITY", description = "Studies with a series of this modality (CT, MR, …).")
    private String modality;

    @Option(names = "--accession", paramLabel = "NUMBER", description = "Accession number.")
    private String accession;

    @Option(names = "--description", paramLabel = "TEXT", description = "Study description; * and ? are wildcards.")
    private String description;

    @Option(names = "--level", paramLabel = "patient|study|series", defaultValue = "study",
            description = "patient (Patient Root C-FIND; over DICOMweb the matching studies grouped by patient), study (default) or series.")
    private String level;

    @Option(names = "--json", description = "studies[] with studyInstanceUid, patientId, patientName, studyDate, modalities, "
            + "numberOfInstances (and series[] with seriesInstanceUid, modality, instances at series level); at patient level "
            + "patients[] with patientId, patientName, birthDate, sex, numberOfStudies.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        String chosenLevel = level.toLowerCase(Locale.ROOT);
        boolean series = switch (chosenLevel) {
            case "patient", "study" -> false;
            case "series" -> true;
            default -> throw new IllegalArgumentException("--level is patient, study or series, not '" + level + "'");
        };
        LumenCommand lumen = parent.lumen();
        PacsNodeOptions.Resolved resolved = options.resolve(lumen);
        PacsNode node = resolved.node();
        StudyQuery query = query();
        if (chosenLevel.equals("patient")) {
            return patients(lumen, resolved, node, query);
        }
        List<StudyMatch> studies;
        List<List<SeriesMatch>> seriesOf = new java.util.ArrayList<>();
        try (ArchiveSearch search = ArchiveSearches.of(node, resolved.credentials(), options.timeouts(), resolved.tls())) {
            studies = lumen.runTask(BackgroundTask.of("Searching " + node.describe(), task -> search.findStudies(query, task)));
            if (series) {
                for (StudyMatch s : studies) {
                    seriesOf.add(lumen.runTask(BackgroundTask.of("Series of " + s.studyInstanceUid(),
                            task -> search.findSeries(s.studyInstanceUid(), task))));
                }
            }
        }
        PrintWriter out = lumen.out();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(studies, series ? seriesOf : null)));
        } else {
            text(out, node, studies, series ? seriesOf : null);
        }
        out.flush();
        return 0;
    }

    private int patients(LumenCommand lumen, PacsNodeOptions.Resolved resolved, PacsNode node, StudyQuery query) throws Exception {
        List<PatientMatch> patients;
        try (ArchiveSearch search = ArchiveSearches.of(node, resolved.credentials(), options.timeouts(), resolved.tls())) {
            patients = lumen.runTask(BackgroundTask.of("Searching patients on " + node.describe(), task -> search.findPatients(query, task)));
        }
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode array = root.putArray("patients");
            for (PatientMatch p : patients) {
                array.addObject().put("patientId", p.patientId()).put("patientName", p.patientName()).put("birthDate", p.birthDate())
                        .put("sex", p.sex()).put("numberOfStudies", p.numberOfStudies());
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.printf("%d patient(s) on %s%n", patients.size(), node.describe());
            for (PatientMatch p : patients) {
                out.printf("  %-20s %-28s %-8s %-2s %s%n", p.patientId(), p.patientName(), p.birthDate() == null ? "" : p.birthDate(),
                        p.sex() == null ? "" : p.sex(), p.numberOfStudies() == null ? "" : p.numberOfStudies() + " stud"
                        + (p.numberOfStudies() == 1 ? "y" : "ies"));
            }
        }
        out.flush();
        return 0;
    }

    private StudyQuery query() {
        StudyQuery q = StudyQuery.any().withPatientId(patientId).withPatientName(patientName).withModality(modality)
                .withAccessionNumber(accession).withStudyDescription(description);
        if (studyDate == null) {
            return q;
        }
        String range = studyDate.strip();
        try {
            if (!range.contains("..")) {
                LocalDate day = LocalDate.parse(range);
                return q.withStudyDates(day, day);
            }
            String[] ends = range.split("\\.\\.", -1);
            return q.withStudyDates(ends[0].isBlank() ? null : LocalDate.parse(ends[0].strip()),
                    ends[1].isBlank() ? null : LocalDate.parse(ends[1].strip()));
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--study-date is a date (2024-03-01) or a range (2024-03-01..2024-03-31), not '"
                    + studyDate + "'");
        }
    }

    private static ObjectNode json(List<StudyMatch> studies, List<List<SeriesMatch>> seriesOf) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("studies");
        for (int i = 0; i < studies.size(); i++) {
            StudyMatch s = studies.get(i);
            ObjectNode n = array.addObject();
            n.put("studyInstanceUid", s.studyInstanceUid());
            n.put("patientId", s.patientId());
            n.put("patientName", s.patientName());
            n.put("studyDate", s.studyDate());
            n.put("studyDescription", s.studyDescription());
            n.put("accessionNumber", s.accessionNumber());
            s.modalities().forEach(n.putArray("modalities")::add);
            if (s.modalities().isEmpty()) {
                n.putArray("modalities");
            }
            n.put("numberOfSeries", s.numberOfSeries());
            n.put("numberOfInstances", s.numberOfInstances());
            if (seriesOf != null) {
                ArrayNode series = n.putArray("series");
                for (SeriesMatch m : seriesOf.get(i)) {
                    ObjectNode sn = series.addObject();
                    sn.put("seriesInstanceUid", m.seriesInstanceUid());
                    sn.put("modality", m.modality());
                    sn.put("seriesNumber", m.seriesNumber());
                    sn.put("seriesDescription", m.seriesDescription());
                    sn.put("instances", m.instances());
                }
            }
        }
        return root;
    }

    private static void text(PrintWriter out, PacsNode node, List<StudyMatch> studies, List<List<SeriesMatch>> seriesOf) {
        out.printf("%d stud%s on %s%n", studies.size(), studies.size() == 1 ? "y" : "ies", node.describe());
        for (int i = 0; i < studies.size(); i++) {
            StudyMatch s = studies.get(i);
            out.printf("  %s  %s  %s  %s  %s  %s series, %s instances%n    %s%n", nz(s.studyDate()), nz(s.patientName()), nz(s.patientId()),
                    String.join("/", s.modalities()), nz(s.studyDescription()), count(s.numberOfSeries()), count(s.numberOfInstances()),
                    s.studyInstanceUid());
            if (seriesOf != null) {
                for (SeriesMatch m : seriesOf.get(i)) {
                    out.printf("      #%s %s %s (%s instances)  %s%n", count(m.seriesNumber()), nz(m.modality()), nz(m.seriesDescription()),
                            count(m.instances()), m.seriesInstanceUid());
                }
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }
}
