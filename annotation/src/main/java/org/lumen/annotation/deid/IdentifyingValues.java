// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identifying values of one data set (the patient's names, IDs, birth date, accession number,
 * institution, referring physician), and the scrubbing of free text that may repeat them: what the
 * Clean Descriptors option can do without understanding the text.
 */
public final class IdentifyingValues {

    private static final String MASK = "***";
    private static final int SHORTEST = 3;

    private final List<Pattern> patterns;

    private IdentifyingValues(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** Values may be null; person names are split into their components (DOE^JOHN → DOE, JOHN). */
    public static IdentifyingValues of(String... values) {
        List<String> words = new ArrayList<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            words.add(v.trim());
            for (String part : v.split("[\\^=\\\\]")) {
                words.add(part.trim());
            }
        }
        List<Pattern> patterns = words.stream().filter(w -> w.length() >= SHORTEST).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(w -> Pattern.compile(Pattern.quote(w), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        return new IdentifyingValues(patterns);
    }

    /** {@code text} with every identifying value in it masked. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (Pattern p : patterns) {
            s = p.matcher(s).replaceAll(MASK);
        }
        return s;
    }
}
