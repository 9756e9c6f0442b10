// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.lumen.annotation.deid.SafePrivateAttributes;

/**
 * Which private attributes of one data set (one level: the caller asks again inside each sequence item) the
 * Retain Safe Private Option keeps: those on the standard's list ({@link SafePrivateAttributes}), and those the
 * file itself declares safe in its Private Data Element Characteristics Sequence (0008,0300) — a block whose
 * Block Identifying Information Status is SAFE, or elements listed as Nonidentifying Private Elements. The
 * private creator of each block with a kept element is kept too, or the element could not be read.
 */
final class SafePrivateBlocks {

    private static final AttributeTag CHARACTERISTICS = new AttributeTag(0x0008, 0x0300);
    private static final AttributeTag GROUP_REFERENCE = new AttributeTag(0x0008, 0x0301);
    private static final AttributeTag CREATOR_REFERENCE = new AttributeTag(0x0008, 0x0302);
    private static final AttributeTag BLOCK_STATUS = new AttributeTag(0x0008, 0x0303);
    private static final AttributeTag NONIDENTIFYING_ELEMENTS = new AttributeTag(0x0008, 0x0304);

    private SafePrivateBlocks() { }

    /** The private tags of {@code list} to keep, creators included; empty when none is known safe. */
    static Set<AttributeTag> keptIn(AttributeList list, SafePrivateAttributes standardList) {
        Map<String, Set<Integer>> declared = declaredSafe(list);
        Set<AttributeTag> kept = new HashSet<>();
        for (AttributeTag tag : list.keySet()) {
            int group = tag.getGroup();
            int element = tag.getElement();
            if (group % 2 == 0 || element < 0x1000) {
                continue;
            }
            AttributeTag creatorTag = new AttributeTag(group, element >> 8);
            String creator = DicomDeidentifier.text(list, creatorTag);
            if (creator == null) {
                continue;
            }
            int elementByte = element & 0xFF;
            Set<Integer> safeHere = declared.get(blockKey(group, creator.strip()));
            if (standardList.isSafe(group, creator, elementByte) || (safeHere != null && (safeHere.isEmpty() || safeHere.contains(elementByte)))) {
                kept.add(tag);
                kept.add(creatorTag);
            }
        }
        return kept;
    }

    /**
     * The blocks this data set declares safe: block → element bytes declared nonidentifying, or an empty set
     * for a block declared SAFE as a whole.
     */
    private static Map<String, Set<Integer>> declaredSafe(AttributeList list) {
        Map<String, Set<Integer>> safe = new HashMap<>();
        if (!(list.get(CHARACTERISTICS) instanceof SequenceAttribute sequence)) {
            return safe;
        }
        for (int i = 0; i < sequence.getNumberOfItems(); i++) {
            AttributeList item = sequence.getItem(i).getAttributeList();
            Attribute group = item.get(GROUP_REFERENCE);
            String creator = DicomDeidentifier.text(item, CREATOR_REFERENCE);
            if (group == null || creator == null) {
                continue;
            }
            String key = blockKey(group.getSingleIntegerValueOrDefault(0), creator.strip());
            String status = DicomDeidentifier.text(item, BLOCK_STATUS);
            if ("SAFE".equals(status == null ? null : status.strip())) {
                safe.put(key, Set.of());
            } else if (item.get(NONIDENTIFYING_ELEMENTS) != null) {
                Set<Integer> elements = new HashSet<>();
                for (int value : integers(item.get(NONIDENTIFYING_ELEMENTS))) {
                    elements.add(value & 0xFF);
                }
                if (!elements.isEmpty()) {
                    safe.put(key, Set.copyOf(elements));
                }
            }
        }
        return safe;
    }

    private static int[] integers(Attribute a) {
        try {
            return a.getIntegerValues();
        } catch (com.pixelmed.dicom.DicomException e) {
            // An unreadable declaration declares nothing safe.
            return new int[0];
        }
    }

    private static String blockKey(int group, String creator) {
        return Integer.toHexString(group) + "/" + creator;
    }
}
