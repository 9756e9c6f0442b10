// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Looks for what de-identification should have removed: collects the identifying values of the
 * originals (names, IDs, birth date, addresses, institution, physicians, operators, accession,
 * UIDs, and dates where dates were not to be kept), then searches every element of every output
 * file for them, in nested sequences and private blocks too, as decoded in each file's character set.
 */
public final class LeakScanner {

    /** Values shorter than this would match by chance (a sex, a short code). */
    private static final int SHORTEST = 4;

    private static final List<AttributeTag> IDENTIFYING = List.of(TagFromName.PatientName, TagFromName.PatientID,
            TagFromName.PatientBirthDate, TagFromName.PatientAddress, TagFromName.OtherPatientIDs, TagFromName.OtherPatientNames,
            TagFromName.PatientMotherBirthName, TagFromName.PatientTelephoneNumbers, TagFromName.InstitutionName,
            TagFromName.InstitutionAddress, TagFromName.ReferringPhysicianName, TagFromName.PerformingPhysicianName,
            TagFromName.NameOfPhysiciansReadingStudy, TagFromName.OperatorsName, TagFromName.AccessionNumber,
            TagFromName.StationName, TagFromName.StudyID, TagFromName.RequestingPhysician);
    private static final List<AttributeTag> UIDS = List.of(TagFromName.StudyInstanceUID, TagFromName.SeriesInstanceUID,
            TagFromName.SOPInstanceUID, TagFromName.FrameOfReferenceUID);
    private static final List<AttributeTag> DATES = List.of(TagFromName.StudyDate, TagFromName.SeriesDate,
            TagFromName.AcquisitionDate, TagFromName.ContentDate);

    /** One identifying value found in an output. */
    public record Leak(Path file, String where, String what, String value) { }

    /** Values that identify nobody: what de-identification itself writes (and what earlier anonymisers wrote). */
    private static final java.util.Set<String> NOT_IDENTIFYING = java.util.Set.of("ANONYMOUS", "ANONYMIZED", "ANONYMISED", "ANON",
            "REMOVED", "UNKNOWN", "19000101", "000000", "19000101000000");

    private static final org.lumen.annotation.deid.ConfidentialityProfile PROFILE = org.lumen.annotation.deid.ConfidentialityProfile.standard();

    private final Map<String, String> values = new LinkedHashMap<>();
    private final java.util.Set<String> ordinary = new java.util.HashSet<>();
    private final Map<String, Boolean> ambiguous = new java.util.HashMap<>();
    private final Map<String, java.util.regex.Pattern> patterns = new LinkedHashMap<>();

    /**
     * @param datesAreIdentifying true unless the de-identification kept dates (Retain Longitudinal Full Dates)
     * @param uidsAreIdentifying  true unless it kept UIDs (Retain UIDs)
     */
    public LeakScanner learn(Path original, boolean datesAreIdentifying, boolean uidsAreIdentifying) throws IOException {
        AttributeList list = DataSets.read(original, false);
        ambiguous.clear();
        collectOrdinary(list);
        collect(list, IDENTIFYING);
        if (uidsAreIdentifying) {
            collect(list, UIDS);
        }
        if (datesAreIdentifying) {
            collect(list, DATES);
        }
        return this;
    }

    /** How many distinct identifying values will be looked for. */
    public int size() {
        return (int) values.keySet().stream().filter(v -> !isOrdinary(v)).count();
    }

    /**
     * Identifying values that the originals also hold in attributes the profile keeps (an institution
     * called like a manufacturer, a patient named like an image type): finding them proves nothing,
     * so they are not looked for, and counted here.
     */
    public int ambiguous() {
        return (int) values.keySet().stream().filter(this::isOrdinary).count();
    }

    /** True when the originals hold {@code value} (or it as a word) in an attribute the profile keeps. */
    private boolean isOrdinary(String value) {
        return ambiguous.computeIfAbsent(value, v -> ordinary.contains(v)
                || ordinary.stream().anyMatch(o -> o.contains(v) && patterns.get(v).matcher(o).find()));
    }

    private void collectOrdinary(AttributeList list) {
        for (Attribute a : list.values()) {
            int tag = (a.getTag().getGroup() << 16) | a.getTag().getElement();
            if (a instanceof SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) {
                    collectOrdinary(s.getItem(i).getAttributeList());
                }
                continue;
            }
            if (a.getTag().getGroup() % 2 == 1 || PROFILE.lists(tag) || !isShortText(a.getVR())) {
                continue;
            }
            try {
                String[] strings = a.getStringValues();
                for (String v : strings == null ? new String[0] : strings) {
                    if (v != null) {
                        ordinary.add(v.trim().toUpperCase(Locale.ROOT));
                    }
                }
            } catch (DicomException e) {
                // Nothing to learn from a value that cannot be read.
            }
        }
    }

    private static boolean isShortText(byte[] vr) {
        return ValueRepresentation.isCodeStringVR(vr) || ValueRepresentation.isShortStringVR(vr) || ValueRepresentation.isLongStringVR(vr);
    }

    /** Every identifying value of the originals found in {@code output}. */
    public List<Leak> scan(Path output) throws IOException {
        List<Leak> leaks = new ArrayList<>();
        scan(output, DataSets.read(output, false), "", leaks);
        return leaks;
    }

    private void scan(Path file, AttributeList list, String path, List<Leak> leaks) {
        for (Attribute a : list.values()) {
            String where = path + a.getTag();
            if (a instanceof SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) {
                    scan(file, s.getItem(i).getAttributeList(), where + "[" + (i + 1) + "]/", leaks);
                }
                continue;
            }
            String text = textOf(a);
            if (text == null || text.isEmpty()) {
                continue;
            }
            String upper = text.toUpperCase(Locale.ROOT);
            for (Map.Entry<String, String> v : values.entrySet()) {
                if (upper.contains(v.getKey()) && !isOrdinary(v.getKey()) && patterns.get(v.getKey()).matcher(upper).find()) {
                    leaks.add(new Leak(file, where, v.getValue(), v.getKey()));
                }
            }
        }
    }

    /** The element as text: string VRs decoded in the file's character set; binary values as Latin-1 bytes (names hide there too). */
    private static String textOf(Attribute a) {
        byte[] vr = a.getVR();
        try {
            if (ValueRepresentation.isOtherByteVR(vr) || ValueRepresentation.isUnknownVR(vr)) {
                if (a.getVL() > 1 << 20) {
                    return null; // pixel data and other large blobs: not where header values hide
                }
                byte[] bytes = a.getByteValues();
                return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            if (ValueRepresentation.isOtherWordVR(vr) || ValueRepresentation.isFloatDoubleVR(vr)
                    || ValueRepresentation.isFloatSingleVR(vr) || ValueRepresentation.isOtherFloatVR(vr)) {
                return null;
            }
            String[] strings = a.getStringValues();
            return strings == null ? null : String.join("\\", strings);
        } catch (DicomException e) {
            return null;
        }
    }

    private void collect(AttributeList list, List<AttributeTag> tags) {
        for (AttributeTag tag : tags) {
            Attribute a = list.get(tag);
            if (a == null) {
                continue;
            }
            String name = list.getDictionary().getNameFromTag(tag);
            try {
                String[] strings = a.getStringValues();
                for (String s : strings == null ? new String[0] : strings) {
                    add(s, name);
                    if (ValueRepresentation.isPersonNameVR(a.getVR())) {
                        for (String part : s.split("[\\^=]")) {
                            add(part, name);
                        }
                    }
                }
            } catch (DicomException e) {
                // An unreadable value cannot leak in a form we could match.
            }
        }
    }

    private void add(String value, String what) {
        if (value == null) {
            return;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.length() >= SHORTEST && !NOT_IDENTIFYING.contains(v)) {
            values.putIfAbsent(v, what);
            // Whole words only: an ID of digits inside a UID or a date is chance, not a leak.
            patterns.computeIfAbsent(v, k -> java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(k)
                    + "(?![\\p{L}\\p{N}])"));
        }
    }
}
