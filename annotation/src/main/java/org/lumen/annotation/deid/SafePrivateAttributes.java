// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * PS3.15 Table E.3.10-1 as data ({@code safe-private-attributes.csv}): the private attributes that the
 * standard lists as thought to be safe, identified the only way a private attribute can be — by its group,
 * its private creator and its element byte within the creator's block (the "xx" of (gggg,xxEE) is wherever
 * the creator's block landed in that file). Kept under the Retain Safe Private Option; everything else
 * private is removed.
 */
public final class SafePrivateAttributes {

    private static final String RESOURCE = "safe-private-attributes.csv";
    private static final SafePrivateAttributes STANDARD = load();

    private final Set<String> keys;

    private SafePrivateAttributes(Set<String> keys) {
        this.keys = keys;
    }

    /** The standard's list, as shipped with Lumen. */
    public static SafePrivateAttributes standard() {
        return STANDARD;
    }

    public int size() {
        return keys.size();
    }

    /**
     * True when element byte {@code elementByte} (0x00–0xFF) of the block reserved by {@code creator} in the odd
     * group {@code group} is on the list. Creators are compared without their padding spaces, as written.
     */
    public boolean isSafe(int group, String creator, int elementByte) {
        return creator != null && keys.contains(key(group, creator.strip(), elementByte));
    }

    private static String key(int group, String creator, int elementByte) {
        return Integer.toHexString(group) + "/" + creator + "/" + Integer.toHexString(elementByte & 0xFF);
    }

    private static SafePrivateAttributes load() {
        Set<String> keys = new HashSet<>();
        try (InputStream in = SafePrivateAttributes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                // group,element,creator,vr,vm,meaning (a creator may hold a comma: "HOLOGIC, Inc.")
                java.util.List<String> fields = CsvCells.split(line);
                keys.add(key(Integer.parseInt(fields.get(0), 16), fields.get(2).strip(), Integer.parseInt(fields.get(1), 16)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new SafePrivateAttributes(Set.copyOf(keys));
    }
}
