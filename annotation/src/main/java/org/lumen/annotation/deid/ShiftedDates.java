// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One patient's dates moved by the same number of days (Retain Longitudinal Temporal Information
 * with Modified Dates): the intervals between their studies stay, the calendar days go. DA values
 * and the date part of DT values move; the rest of a DT (time, offset) is kept. A value that is not
 * a date is emptied rather than kept.
 */
public final class ShiftedDates {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final int days;

    public ShiftedDates(int days) {
        this.days = days;
    }

    /** A DA ({@code 20240131}), a DA range ({@code 20240101-20240131}) or a DT, shifted. */
    public String shift(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        String v = value.trim();
        int dash = v.indexOf('-');
        if (dash >= 0 && v.length() <= 17 && !v.substring(0, dash).contains("+")) {
            return shiftOne(v.substring(0, dash)) + "-" + shiftOne(v.substring(dash + 1));
        }
        return shiftOne(v);
    }

    private String shiftOne(String v) {
        if (v.isEmpty()) {
            return v;
        }
        if (v.length() < 8) {
            return "";
        }
        try {
            return LocalDate.parse(v.substring(0, 8), DA).plusDays(days).format(DA) + v.substring(8);
        } catch (DateTimeParseException e) {
            return "";
        }
    }
}
