// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PS3.15 Table E.1-1 as data ({@code confidentiality-profile.csv}): the action the Basic Profile, and
 * each selected option, takes on an attribute. Attributes the table does not list are kept (their
 * sequences' items are still de-identified by the caller).
 */
public final class ConfidentialityProfile {

    private static final String RESOURCE = "confidentiality-profile.csv";
    private static final ConfidentialityProfile STANDARD = load();

    /** One row of the table: the Basic Profile's code and the codes of the options that change it. */
    record Row(String name, String basic, Map<DeidOption, String> options) { }

    private final Map<Integer, Row> byTag;
    private final Row curve;
    private final Row overlayData;
    private final Row overlayComments;
    private final Row privateAttributes;

    private ConfidentialityProfile(Map<Integer, Row> byTag, Row curve, Row overlayData, Row overlayComments, Row privateAttributes) {
        this.byTag = byTag;
        this.curve = curve;
        this.overlayData = overlayData;
        this.overlayComments = overlayComments;
        this.privateAttributes = privateAttributes;
    }

    /** The table of the standard, as shipped with Lumen. */
    public static ConfidentialityProfile standard() {
        return STANDARD;
    }

    /** How many attributes (and attribute patterns) the table lists. */
    public int size() {
        return byTag.size() + 4;
    }

    /** True when the table lists this tag (exactly, or as a curve, overlay or private attribute). */
    public boolean lists(int tag) {
        return row(tag) != null;
    }

    /**
     * The action on {@code tag} with {@code options} selected: an option that keeps the attribute wins
     * over one that cleans it, and both over the Basic Profile; {@code null} when the table does not
     * list the attribute.
     */
    public DeidAction actionFor(int tag, Set<DeidOption> options) {
        Row row = row(tag);
        if (row == null) {
            return null;
        }
        DeidAction chosen = null;
        for (DeidOption option : options) {
            String code = row.options().get(option);
            if (code == null) {
                continue;
            }
            DeidAction a = DeidAction.resolve(code);
            if (chosen == null || a == DeidAction.KEEP) {
                chosen = a;
            }
        }
        return chosen != null ? chosen : DeidAction.resolve(row.basic());
    }

    /**
     * True when the Basic Profile allows removing the attribute (its code has an X, as in X/Z or X/Z/D):
     * an emptied or dummy sequence would break IODs where the sequence, when present, needs an item.
     */
    public boolean allowsRemoval(int tag) {
        Row row = row(tag);
        return row != null && row.basic().toUpperCase(java.util.Locale.ROOT).contains("X");
    }

    /** The attribute's name as the table gives it, or null. */
    public String nameOf(int tag) {
        Row row = row(tag);
        return row == null ? null : row.name();
    }

    private Row row(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if ((group & 1) == 1) {
            return privateAttributes;
        }
        Row exact = byTag.get(tag);
        if (exact != null) {
            return exact;
        }
        if ((group & 0xFF00) == 0x5000) {
            return curve;
        }
        if ((group & 0xFF00) == 0x6000) {
            return element == 0x3000 ? overlayData : element == 0x4000 ? overlayComments : null;
        }
        return null;
    }

    private static ConfidentialityProfile load() {
        try (InputStream in = ConfidentialityProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ConfidentialityProfile parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> header = null;
        Map<Integer, Row> byTag = new HashMap<>();
        Map<String, Row> patterns = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = CsvCells.split(line);
            if (header == null) {
                header = cells;
                continue;
            }
            Map<DeidOption, String> options = new EnumMap<>(DeidOption.class);
            for (DeidOption option : DeidOption.values()) {
                int column = header.indexOf(option.column());
                if (column < 0) {
                    throw new IOException(RESOURCE + " has no column " + option.column());
                }
                if (!cells.get(column).isEmpty()) {
                    options.put(option, cells.get(column));
                }
            }
            Row row = new Row(cells.get(header.indexOf("name")), cells.get(header.indexOf("basic")), options);
            DeidAction.resolve(row.basic());
            String tag = cells.get(0);
            if (tag.contains("x") || tag.equals("private")) {
                patterns.put(tag, row);
            } else {
                byTag.put(Integer.parseUnsignedInt(tag, 16), row);
            }
        }
        return new ConfidentialityProfile(Map.copyOf(byTag), patterns.get("50xxxxxx"), patterns.get("60xx3000"), patterns.get("60xx4000"),
                patterns.get("private"));
    }
}
