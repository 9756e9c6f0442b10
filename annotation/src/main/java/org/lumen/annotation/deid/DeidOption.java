// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

/**
 * The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3), each with the
 * column it has in Table E.1-1 and the code (CID 7050, scheme DCM) that names it in the output's
 * De-identification Method Code Sequence.
 */
public enum DeidOption {
    RETAIN_SAFE_PRIVATE("retain_safe_private", "113111", "Retain Safe Private Option"),
    RETAIN_UIDS("retain_uids", "113110", "Retain UIDs Option"),
    RETAIN_DEVICE_IDENTITY("retain_device_identity", "113109", "Retain Device Identity Option"),
    RETAIN_INSTITUTION_IDENTITY("retain_institution_identity", "113112", "Retain Institution Identity Option"),
    RETAIN_PATIENT_CHARACTERISTICS("retain_patient_characteristics", "113108", "Retain Patient Characteristics Option"),
    RETAIN_LONGITUDINAL_FULL_DATES("retain_long_full_dates", "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("retain_long_modified_dates", "113107",
            "Retain Longitudinal Temporal Information Modified Dates Option"),
    CLEAN_DESCRIPTORS("clean_descriptors", "113105", "Clean Descriptors Option"),
    CLEAN_STRUCTURED_CONTENT("clean_structured_content", "113104", "Clean Structured Content Option"),
    CLEAN_GRAPHICS("clean_graphics", "113103", "Clean Graphics Option");

    /** The code of the profile itself, always listed first. */
    public static final String BASIC_PROFILE_CODE = "113100";
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

    private final String column;
    private final String code;
    private final String meaning;

    DeidOption(String column, String code, String meaning) {
        this.column = column;
        this.code = code;
        this.meaning = meaning;
    }

    /** The option's column in {@code confidentiality-profile.csv}. */
    public String column() { return column; }

    public String code() { return code; }

    public String meaning() { return meaning; }

    /** The option named on the command line, e.g. {@code retain-uids} or {@code clean-descriptors}. */
    public static DeidOption parse(String name) {
        String wanted = name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        for (DeidOption o : values()) {
            if (o.name().toLowerCase(java.util.Locale.ROOT).equals(wanted) || o.column.equals(wanted)) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a de-identification option; the options are "
                + java.util.Arrays.stream(values()).map(DeidOption::cliName).toList());
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
