// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of the standard's tables kept as CSV (RFC 4180 quoting: "a, b" and "" for a quote). */
final class CsvCells {

    private CsvCells() { }

    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
