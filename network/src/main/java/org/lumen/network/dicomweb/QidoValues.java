// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import java.util.regex.Pattern;

/**
 * Matching values in a QIDO-RS query string. Some archives match query values without percent-decoding
 * them (Orthanc 1.10 with DICOMweb plugin 1.7 finds nothing for {@code PatientName=DOE%5EJOHN}, yet finds
 * {@code DOE?JOHN}), so Lumen sends only characters that need no percent-encoding and writes every other
 * character as the DICOM single-character wildcard {@code ?}. The archive then answers a superset, which
 * {@link #matches} narrows to what the reader asked for.
 */
final class QidoValues {

    private QidoValues() { }

    /** {@code value} with each character that a query string would percent-encode replaced by {@code ?}. */
    static String send(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.append(safe(c) ? Character.toString(c) : "?"));
        return out.toString();
    }

    /** Whether {@link #send} had to widen {@code value}, so the answers need {@link #matches}. */
    static boolean widened(String value) {
        return !send(value).equals(value);
    }

    /**
     * DICOM wildcard matching ({@code *} any run, {@code ?} one character), ignoring case as archives
     * commonly do for names. An archive's answer without the attribute is kept: it cannot be judged.
     */
    static boolean matches(String pattern, String actual) {
        if (actual == null) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        pattern.codePoints().forEach(c -> {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.appendCodePoint(c);
            }
        });
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(actual.strip()).matches();
    }

    /** Characters a URI query may carry as they are and that mean nothing to a query string ({@code & = + # %} do). */
    private static boolean safe(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.!~*'()/?:@$,;".indexOf(c) >= 0;
    }
}
