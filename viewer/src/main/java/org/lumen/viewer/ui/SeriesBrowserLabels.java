// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lumen.viewer.index.ObjectKind;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.Study;

/** The words the series browser shows: names, dates, counts and kind markers. No JavaFX. */
public final class SeriesBrowserLabels {

    private static final String SEPARATOR = "  ·  ";

    private SeriesBrowserLabels() { }

    /**
     * A DICOM person name for reading: "Doe^Jane^M" → "Doe, Jane M"; the first non-empty of the
     * alphabetic, ideographic and phonetic groups; "(no name)" when there is none.
     */
    public static String personName(String dicomName) {
        if (dicomName == null || dicomName.isBlank()) {
            return "(no name)";
        }
        String group = "";
        for (String g : dicomName.split("=", -1)) {
            if (!g.replace("^", "").isBlank()) {
                group = g;
                break;
            }
        }
        if (group.isEmpty()) {
            return "(no name)";
        }
        String[] parts = group.split("\\^", -1);
        String family = parts[0].strip();
        List<String> rest = new ArrayList<>();
        // Given and middle names; the prefix (Dr., Mrs.) is left out, the suffix (Jr., III) kept.
        for (int i = 1; i < Math.min(parts.length, 3); i++) {
            if (!parts[i].isBlank()) {
                rest.add(parts[i].strip());
            }
        }
        String given = String.join(" ", rest);
        String suffix = parts.length > 4 && !parts[4].isBlank() ? " " + parts[4].strip() : "";
        if (family.isEmpty()) {
            return given + suffix;
        }
        return (given.isEmpty() ? family : family + ", " + given) + suffix;
    }

    /** A DICOM DA date "YYYYMMDD" as "YYYY-MM-DD"; anything else as it is; empty when absent. */
    public static String date(String dicomDate) {
        if (dicomDate == null || dicomDate.isBlank()) {
            return "";
        }
        String d = dicomDate.strip();
        if (d.length() == 8 && d.chars().allMatch(Character::isDigit)) {
            return d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8);
        }
        if (d.length() == 10 && d.charAt(4) == '.' && d.charAt(7) == '.') { // the retired ACR-NEMA form
            return d.replace('.', '-');
        }
        return d;
    }

    /** "Doe, Jane  ·  ID P-1  ·  1960-02-29  ·  F". */
    public static String patientLine(PatientInfo patient) {
        if (patient == null) {
            return "(no patient)";
        }
        List<String> parts = new ArrayList<>();
        parts.add(personName(patient.name()));
        if (present(patient.id())) {
            parts.add("ID " + patient.id().strip());
        }
        if (present(patient.birthDate())) {
            parts.add(date(patient.birthDate()));
        }
        if (present(patient.sex())) {
            parts.add(patient.sex().strip());
        }
        return String.join(SEPARATOR, parts);
    }

    /** The study's date, or "no date". */
    public static String studyDate(Study study) {
        String date = date(study.info().date());
        return date.isEmpty() ? "no date" : date;
    }

    /** The study description, or "(no description)". */
    public static String studyDescription(Study study) {
        String description = study.info().description();
        return present(description) ? description.strip() : "(no description)";
    }

    /** The modalities of a study's series, each once, in series order: "CT, SR". */
    public static String modalities(Study study) {
        Set<String> modalities = new LinkedHashSet<>();
        for (Series series : study.series()) {
            if (present(series.modality())) {
                modalities.add(series.modality().strip());
            }
        }
        return String.join(", ", modalities);
    }

    /** "2024-01-01  ·  Thorax  ·  CT, SR  ·  3 series". */
    public static String studyLine(Study study) {
        List<String> parts = new ArrayList<>();
        parts.add(studyDate(study));
        parts.add(studyDescription(study));
        String modalities = modalities(study);
        if (!modalities.isEmpty()) {
            parts.add(modalities);
        }
        parts.add(count(study.series().size(), "series", "series"));
        return String.join(SEPARATOR, parts);
    }

    /** "CT #3" (modality and series number; "?" for a missing modality, no number when there is none). */
    public static String seriesTitle(Series series) {
        String modality = present(series.modality()) ? series.modality().strip() : "?";
        Integer number = series.info().number();
        return number == null ? modality : modality + " #" + number;
    }

    /** The series description, or "(no description)". */
    public static String seriesDescription(Series series) {
        String description = series.info().description();
        return present(description) ? description.strip() : "(no description)";
    }

    /** "120 images" for image series (frames count), "1 object" for the rest. */
    public static String seriesCount(Series series) {
        if (series.hasImages()) {
            return count(series.frameCount(), "image", "images");
        }
        return count(series.instances().size(), "object", "objects");
    }

    /** The description and count on one line: "Lungs 1 mm  ·  120 images". */
    public static String seriesDetail(Series series) {
        return seriesDescription(series) + SEPARATOR + seriesCount(series);
    }

    /** A short marker for a series that holds no images ("SR", "SEG", "RTSTRUCT", …); empty for images. */
    public static String kindMarker(Series series) {
        return series.hasImages() ? "" : kindMarker(series.kind());
    }

    public static String kindMarker(ObjectKind kind) {
        return switch (kind) {
            case IMAGE -> "";
            case SEGMENTATION -> "SEG";
            case STRUCTURED_REPORT -> "SR";
            case RT_STRUCTURE_SET -> "RTSTRUCT";
            case RT_PLAN -> "RTPLAN";
            case PRESENTATION_STATE -> "PR";
            case KEY_OBJECT_SELECTION -> "KO";
            case WAVEFORM -> "WAVE";
            case ENCAPSULATED_DOCUMENT -> "DOC";
            case RAW_DATA -> "RAW";
            case DIRECTORY -> "DIR";
            case OTHER -> "OBJ";
        };
    }

    /** Everything about a series for its tooltip, one fact a line. */
    public static String seriesTooltip(Series series) {
        List<String> lines = new ArrayList<>();
        lines.add(seriesTitle(series) + "  " + seriesDescription(series));
        lines.add(seriesCount(series) + (series.hasImages() ? "" : " (" + series.kind().description() + ")"));
        if (present(series.info().bodyPart())) {
            lines.add("Body part: " + series.info().bodyPart().strip());
        }
        lines.add("Series UID: " + series.uid());
        return String.join("\n", lines);
    }

    /** The name the browser gives a series in messages: "CT #3 Lungs". */
    public static String seriesName(Series series) {
        String description = series.info().description();
        return seriesTitle(series) + (present(description) ? " " + description.strip() : "");
    }

    static String count(int n, String one, String many) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? one : many);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
