// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lumen.viewer.dicom.TagTreeReader;
import org.lumen.viewer.dicom.UnusableFileException;

/**
 * What a case's headers say about where it came from, as the subgroups validation reports: the scanner
 * (manufacturer and model), slice thickness, kVp, patient sex and age band. "unknown" where the file is silent.
 */
public record CaseFacts(String scanner, String sliceThickness, String kvp, String sex, String ageBand) {

    static final String UNKNOWN = "unknown";
    private static final int MANUFACTURER = 0x00080070;
    private static final int MODEL = 0x00081090;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int KVP = 0x00180060;
    private static final int SEX = 0x00100040;
    private static final int AGE = 0x00101010;
    private static final int BIRTH_DATE = 0x00100030;
    private static final int STUDY_DATE = 0x00080020;

    /** The subgroup values by the names the report uses. */
    Map<String, String> byName() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scanner", scanner);
        m.put("sliceThickness", sliceThickness);
        m.put("kvp", kvp);
        m.put("sex", sex);
        m.put("ageBand", ageBand);
        return m;
    }

    static CaseFacts of(Path file) {
        Map<Integer, String> v;
        try {
            v = TagTreeReader.topLevelValues(file, MANUFACTURER, MODEL, SLICE_THICKNESS, KVP, SEX, AGE, BIRTH_DATE, STUDY_DATE);
        } catch (UnusableFileException e) {
            v = Map.of();
        }
        String scanner = v.containsKey(MANUFACTURER) || v.containsKey(MODEL)
                ? (v.getOrDefault(MANUFACTURER, "") + " " + v.getOrDefault(MODEL, "")).strip() : UNKNOWN;
        return new CaseFacts(scanner, thickness(v.get(SLICE_THICKNESS)), kvp(v.get(KVP)), sex(v.get(SEX)),
                ageBand(age(v.get(AGE), v.get(BIRTH_DATE), v.get(STUDY_DATE))));
    }

    /** Thickness bands as radiologists group reconstructions: thin (≤ 1.5 mm), medium (≤ 3 mm), thick. */
    static String thickness(String value) {
        Double mm = number(value);
        if (mm == null) {
            return UNKNOWN;
        }
        return mm <= 1.5 ? "≤ 1.5 mm" : mm <= 3 ? "1.5–3 mm" : "> 3 mm";
    }

    static String kvp(String value) {
        Double kv = number(value);
        return kv == null ? UNKNOWN : String.format(Locale.ROOT, "%.0f kVp", kv);
    }

    static String sex(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "F" -> "female";
            case "M" -> "male";
            case "O" -> "other";
            default -> UNKNOWN;
        };
    }

    /** Patient's Age ("063Y", "018M") when given, else from birth and study dates; null when neither says. */
    static Integer age(String ageString, String birthDate, String studyDate) {
        if (ageString != null && ageString.matches("\\d{3}[DWMY]")) {
            int n = Integer.parseInt(ageString.substring(0, 3));
            return switch (ageString.charAt(3)) {
                case 'Y' -> n;
                case 'M' -> n / 12;
                default -> 0;
            };
        }
        try {
            LocalDate born = LocalDate.parse(birthDate, DateTimeFormatter.BASIC_ISO_DATE);
            LocalDate seen = LocalDate.parse(studyDate, DateTimeFormatter.BASIC_ISO_DATE);
            return seen.isBefore(born) ? null : Period.between(born, seen).getYears();
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    static String ageBand(Integer years) {
        if (years == null) {
            return UNKNOWN;
        }
        return years < 18 ? "< 18" : years < 40 ? "18–39" : years < 60 ? "40–59" : years < 75 ? "60–74" : "≥ 75";
    }

    private static Double number(String value) {
        try {
            return value == null ? null : Double.parseDouble(value.split("\\\\")[0].strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
