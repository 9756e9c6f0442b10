// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads values from a data set in the DICOM JSON model (PS3.18 F.2): {@code {"0020000D": {"vr": "UI",
 * "Value": ["1.2.3"]}}}. Lenient where archives differ: tag keys in either case, person names as
 * objects ({@code {"Alphabetic": "DOE^JANE"}}) or plain strings, IS values as numbers or strings.
 */
final class DicomJson {

    static final String STUDY_DATE = "00080020";
    static final String ACCESSION_NUMBER = "00080050";
    static final String MODALITY = "00080060";
    static final String MODALITIES_IN_STUDY = "00080061";
    static final String STUDY_DESCRIPTION = "00081030";
    static final String SERIES_DESCRIPTION = "0008103E";
    static final String PATIENT_NAME = "00100010";
    static final String PATIENT_ID = "00100020";
    static final String STUDY_INSTANCE_UID = "0020000D";
    static final String SERIES_INSTANCE_UID = "0020000E";
    static final String SERIES_NUMBER = "00200011";
    static final String SOP_INSTANCE_UID = "00080018";
    static final String NUMBER_OF_STUDY_RELATED_SERIES = "00201206";
    static final String NUMBER_OF_STUDY_RELATED_INSTANCES = "00201208";
    static final String NUMBER_OF_SERIES_RELATED_INSTANCES = "00201209";
    static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    static final String FAILURE_REASON = "00081197";
    static final String FAILED_SOP_SEQUENCE = "00081198";
    static final String REFERENCED_SOP_SEQUENCE = "00081199";

    private DicomJson() { }

    /** The first value as text (a person name's alphabetic form), or null when absent or empty. */
    static String string(JsonNode dataSet, String tag) {
        List<String> all = strings(dataSet, tag);
        return all.isEmpty() ? null : all.getFirst();
    }

    /** Every value as text, empty values left out. */
    static List<String> strings(JsonNode dataSet, String tag) {
        JsonNode values = values(dataSet, tag);
        List<String> out = new ArrayList<>();
        for (JsonNode v : values) {
            String text = v.isObject() ? textOf(v.get("Alphabetic")) : textOf(v);
            if (text != null && !text.isBlank()) {
                out.add(text.strip());
            }
        }
        return out;
    }

    /** The first value as an integer (IS or US), or null when absent or not a whole number. */
    static Integer integer(JsonNode dataSet, String tag) {
        JsonNode values = values(dataSet, tag);
        if (values.isEmpty()) {
            return null;
        }
        JsonNode v = values.get(0);
        if (v.canConvertToInt() && v.isIntegralNumber()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.valueOf(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The items of a sequence (SQ), each a data set; empty when absent or empty. */
    static List<JsonNode> items(JsonNode dataSet, String tag) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : values(dataSet, tag)) {
            if (item.isObject()) {
                out.add(item);
            }
        }
        return out;
    }

    private static JsonNode values(JsonNode dataSet, String tag) {
        JsonNode element = dataSet.get(tag);
        if (element == null) {
            element = dataSet.get(tag.toLowerCase(Locale.ROOT));
        }
        JsonNode values = element == null ? null : element.get("Value");
        return values != null && values.isArray() ? values : MissingNode.getInstance();
    }

    private static String textOf(JsonNode v) {
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
