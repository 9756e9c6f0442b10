// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the tag browser: a data element, a sequence item, or a placeholder standing for items
 * not listed one by one. Plain data (no PixelMed, no JavaFX), so the browser, its search and the CLI
 * share it and tests need no UI.
 *
 * @param kind           what the row is
 * @param tag            the tag as text, {@code "(0010,0010)"}; {@code "(FFFE,E000)"} for items, empty for placeholders
 * @param group          the tag's group; -1 for placeholders
 * @param element        the tag's element; -1 for placeholders
 * @param keyword        the dictionary keyword ({@code PatientName}), {@code "Private"}, {@code "PrivateCreator"},
 *                       {@code "GroupLength"} or {@code "Unknown"}; {@code "Item 3"} for items; the placeholder's text
 * @param privateCreator the private creator of a private element, or null where not private or not known
 * @param vr             the value representation, empty for items and placeholders
 * @param value          the value as displayed: multiple values joined with {@code \}, long values cut short,
 *                       binary values as {@code <OB 1234 bytes>}; never null
 * @param meaning        what a coded value stands for, e.g. a UID's name ({@code CT Image Storage}); empty when none
 * @param children       a sequence's items, an item's elements, or the items a placeholder stands for
 */
public record TagNode(Kind kind, String tag, int group, int element, String keyword, String privateCreator,
        String vr, String value, String meaning, List<TagNode> children) {

    /** What a row stands for. */
    public enum Kind {
        /** A data element; a sequence when its VR is SQ. */
        ELEMENT,
        /** One item of a sequence. */
        ITEM,
        /** Items of a long sequence gathered under one row ("… 950 more items"). */
        MORE
    }

    public TagNode {
        Objects.requireNonNull(kind, "kind");
        tag = tag == null ? "" : tag;
        keyword = keyword == null ? "" : keyword;
        vr = vr == null ? "" : vr;
        value = value == null ? "" : value;
        meaning = meaning == null ? "" : meaning;
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** A data element; {@code children} are the items when it is a sequence. */
    public static TagNode element(int group, int element, String keyword, String privateCreator, String vr, String value,
            String meaning, List<TagNode> children) {
        return new TagNode(Kind.ELEMENT, tagText(group, element), group, element, keyword, privateCreator, vr, value, meaning,
                children);
    }

    /** Item {@code number} (from 1) of a sequence, holding that item's elements. */
    public static TagNode item(int number, List<TagNode> elements) {
        return new TagNode(Kind.ITEM, tagText(0xFFFE, 0xE000), 0xFFFE, 0xE000, "Item " + number, null, "",
                elements.size() == 1 ? "1 element" : elements.size() + " elements", "", elements);
    }

    /** A placeholder for {@code hidden} items; {@code items} holds those that were read (possibly fewer, or none). */
    public static TagNode more(int hidden, List<TagNode> items) {
        String text = "… " + hidden + " more " + (hidden == 1 ? "item" : "items");
        String note = items.size() < hidden ? (items.isEmpty() ? "not listed" : items.size() + " listed") : "";
        return new TagNode(Kind.MORE, "", -1, -1, text, null, "", note, "", items);
    }

    /** {@code (0010,0010)}: the conventional upper-case form. */
    public static String tagText(int group, int element) {
        return String.format(Locale.ROOT, "(%04X,%04X)", group, element);
    }

    /** The name to show: the keyword, with the private creator in brackets where known. */
    public String name() {
        return privateCreator == null || privateCreator.isBlank() ? keyword : keyword + " [" + privateCreator + "]";
    }

    public boolean isSequence() {
        return kind == Kind.ELEMENT && "SQ".equals(vr);
    }

    public boolean isPrivate() {
        return kind == Kind.ELEMENT && (group & 1) == 1;
    }

    /**
     * Whether this row itself (not its children) matches a search: case-insensitive, in the tag text, the
     * keyword, the private creator, the value or its meaning. A tag typed without punctuation ({@code 00100010}) matches too.
     * A blank query matches everything.
     */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip();
        if (contains(tag, q) || contains(keyword, q) || contains(value, q) || contains(meaning, q)
                || (privateCreator != null && contains(privateCreator, q))) {
            return true;
        }
        String digits = q.replaceAll("[\\s(),]", "");
        return group >= 0 && digits.length() >= 4 && digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                && contains(String.format(Locale.ROOT, "%04X%04X", group, element), digits);
    }

    /** This row with other children (the search prunes them). */
    public TagNode withChildren(List<TagNode> newChildren) {
        return new TagNode(kind, tag, group, element, keyword, privateCreator, vr, value, meaning, newChildren);
    }

    /**
     * The tree pruned to a search: a row that matches is kept whole (its sequence can still be explored), a row
     * that does not is kept only for matching rows below it, which keeps every match's enclosing sequences and
     * items. A blank query returns {@code nodes} unchanged.
     */
    public static List<TagNode> filter(List<TagNode> nodes, String query) {
        if (query == null || query.isBlank()) {
            return nodes;
        }
        String q = query.strip();
        List<TagNode> kept = new ArrayList<>();
        for (TagNode node : nodes) {
            if (node.matches(q)) {
                kept.add(node);
            } else if (!node.children.isEmpty()) {
                List<TagNode> below = filter(node.children, q);
                if (!below.isEmpty()) {
                    kept.add(node.withChildren(below));
                }
            }
        }
        return kept;
    }

    /** How many rows match, at any depth (all rows for a blank query). */
    public static int countMatches(List<TagNode> nodes, String query) {
        int count = 0;
        for (TagNode node : nodes) {
            count += (node.matches(query) ? 1 : 0) + countMatches(node.children, query);
        }
        return count;
    }

    /** Whether some row below this one (not this row itself) matches. */
    public boolean hasMatchBelow(String query) {
        for (TagNode child : children) {
            if (child.matches(query) || child.hasMatchBelow(query)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String haystack, String needle) {
        int last = haystack.length() - needle.length();
        for (int i = 0; i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return (tag.isEmpty() ? "" : tag + " ") + name() + (vr.isEmpty() ? "" : " " + vr) + (value.isEmpty() ? "" : " = " + value)
                + (children.isEmpty() ? "" : " (" + children.size() + ")");
    }
}
