// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cache;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people read and type them: 1.5 GiB, 640 MiB, 20G, 500 MB (binary units, as a file manager on Linux). */
public final class ByteSizes {

    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    private static final Pattern TYPED = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(?:i?b)?\\s*", Pattern.CASE_INSENSITIVE);

    private ByteSizes() { }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        // 20 GiB rather than 20.0 GiB; one decimal below 100 otherwise.
        boolean whole = v >= 100 || Math.abs(v - Math.rint(v)) < 0.05;
        return String.format(Locale.ROOT, whole ? "%.0f %s" : "%.1f %s", v, UNITS[unit]);
    }

    /** "20G", "20 GiB", "500M", "1.5g", "123456" (bytes); a sentence when it is none of these. */
    public static long parse(String text) {
        Matcher m = TYPED.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write it as 20G, 500M or a number of bytes");
        }
        int power = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1;
            case "m" -> 2;
            case "g" -> 3;
            case "t" -> 4;
            default -> 0;
        };
        double value = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (value > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is larger than any disk");
        }
        return Math.round(value);
    }
}
