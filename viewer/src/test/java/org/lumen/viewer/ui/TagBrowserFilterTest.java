// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.TagNode;
import org.lumen.viewer.dicom.TagTreeReader;

/** The tag browser's search, without JavaFX: {@link TagNode#matches} and the pruned tree of {@link TagNode#filter}. */
class TagBrowserFilterTest {

    private static final TagNode NAME = element(0x0010, 0x0010, "PatientName", null, "PN", "Люкceмбypг^Jérôme");
    private static final TagNode MODALITY = element(0x0008, 0x0060, "Modality", null, "CS", "CT");
    private static final TagNode CREATOR = element(0x0029, 0x0010, "PrivateCreator", null, "LO", "SIEMENS CSA HEADER");
    private static final TagNode CSA = element(0x0029, 0x1010, "Private", "SIEMENS CSA HEADER", "OB", "<OB 12000 bytes>");
    private static final TagNode CODE_VALUE = element(0x0008, 0x0100, "CodeValue", null, "SH", "113691");
    private static final TagNode CODE_MEANING = element(0x0008, 0x0104, "CodeMeaning", null, "LO", "IEC Body Dosimetry Phantom");
    private static final TagNode CODE = sequence(0x0040, 0xA043, "ConceptNameCodeSequence",
            TagNode.item(1, List.of(CODE_VALUE, CODE_MEANING)));
    private static final TagNode POSITION = element(0x0020, 0x0032, "ImagePositionPatient", null, "DS", "-125\\-125\\40");
    private static final TagNode HIDDEN_POSITION = element(0x0020, 0x0032, "ImagePositionPatient", null, "DS", "-125\\-125\\77.5");
    private static final TagNode FRAMES = sequence(0x5200, 0x9230, "PerFrameFunctionalGroupsSequence",
            TagNode.item(1, List.of(POSITION)),
            TagNode.more(1, List.of(TagNode.item(2, List.of(HIDDEN_POSITION)))));
    private static final TagNode UID = new TagNode(TagNode.Kind.ELEMENT, "(0008,0016)", 0x0008, 0x0016, "SOPClassUID", null,
            "UI", "1.2.840.10008.5.1.4.1.1.2", "CT Image Storage", List.of());
    private static final List<TagNode> TREE = List.of(UID, MODALITY, CODE, NAME, POSITION, CREATOR, CSA, FRAMES);

    @Test
    void aBlankSearchKeepsEverything() {
        assertThat(TagNode.filter(TREE, "")).isSameAs(TREE);
        assertThat(TagNode.filter(TREE, "   ")).isSameAs(TREE);
        assertThat(TagNode.filter(TREE, null)).isSameAs(TREE);
        assertThat(TagNode.countMatches(TREE, "")).isEqualTo(16);
    }

    @Test
    void matchesTagKeywordValueAndMeaningIgnoringCase() {
        assertThat(NAME.matches("patientname")).isTrue();
        assertThat(NAME.matches("(0010,0010)")).isTrue();
        assertThat(NAME.matches("0010,0010")).isTrue();
        assertThat(NAME.matches("00100010")).isTrue();
        assertThat(NAME.matches("  jérôme ")).isTrue();
        assertThat(NAME.matches("ЛЮК")).isTrue(); // Cyrillic, case-insensitive
        assertThat(NAME.matches("modality")).isFalse();
        assertThat(MODALITY.matches("(0010,0010)")).isFalse();
        assertThat(UID.matches("ct image storage")).isTrue();
        assertThat(CSA.matches("csa header")).isTrue(); // by private creator
        assertThat(CSA.matches("00291010")).isTrue();
    }

    @Test
    void keepsEachMatchWithTheSequencesAndItemsAroundIt() {
        List<TagNode> found = TagNode.filter(TREE, "phantom");

        assertThat(found).containsExactly(CODE.withChildren(List.of(CODE.children().getFirst().withChildren(List.of(CODE_MEANING)))));
        TagNode item = found.getFirst().children().getFirst();
        assertThat(item.keyword()).isEqualTo("Item 1");
        assertThat(item.value()).as("the item row still says how many elements it has").isEqualTo("2 elements");
        assertThat(item.children()).containsExactly(CODE_MEANING);
        assertThat(TagNode.countMatches(found, "phantom")).isEqualTo(1);
    }

    @Test
    void aMatchingSequenceIsKeptWhole() {
        assertThat(TagNode.filter(TREE, "ConceptNameCode")).containsExactly(CODE);
    }

    @Test
    void findsMatchesInsideItemsGatheredUnderAMoreRow() {
        List<TagNode> found = TagNode.filter(TREE, "77.5");

        assertThat(found).hasSize(1);
        TagNode frames = found.getFirst();
        assertThat(frames.keyword()).isEqualTo("PerFrameFunctionalGroupsSequence");
        assertThat(frames.children()).extracting(TagNode::keyword).containsExactly("… 1 more item");
        assertThat(frames.children().getFirst().children().getFirst().children()).containsExactly(HIDDEN_POSITION);
        assertThat(frames.hasMatchBelow("77.5")).isTrue();
        assertThat(frames.matches("77.5")).isFalse();
    }

    @Test
    void aSearchAcrossLevelsKeepsEveryLevel() {
        List<TagNode> found = TagNode.filter(TREE, "ImagePositionPatient");

        assertThat(found).extracting(TagNode::keyword).containsExactly("ImagePositionPatient", "PerFrameFunctionalGroupsSequence");
        assertThat(TagNode.countMatches(found, "ImagePositionPatient")).isEqualTo(3);
        assertThat(TagNode.filter(TREE, "no such thing")).isEmpty();
    }

    @Test
    void filtersARealEnhancedObject() throws Exception {
        List<TagNode> rows = TagTreeReader.read(Samples.file("multiframe/siemens_xa10_enhanced_mr/6_1.dcm"));

        List<TagNode> found = TagNode.filter(rows, "InStackPositionNumber");

        // The dimension index points at it (an AT value, found by the keyword it names); each frame's group holds it.
        assertThat(found).extracting(TagNode::keyword).containsExactly("DimensionIndexSequence", "PerFrameFunctionalGroupsSequence");
        TagNode pointer = found.getFirst().children().getFirst().children().getFirst();
        assertThat(pointer.keyword()).isEqualTo("DimensionIndexPointer");
        assertThat(pointer.value()).isEqualTo("(0020,9057)");
        assertThat(pointer.meaning()).isEqualTo("InStackPositionNumber");
        TagNode perFrame = found.getLast();
        assertThat(perFrame.children()).hasSize(6);
        assertThat(TagNode.countMatches(List.of(perFrame), "InStackPositionNumber")).isEqualTo(6);
        TagNode third = perFrame.children().get(2).children().getFirst().children().getFirst().children().getFirst();
        assertThat(third.keyword()).isEqualTo("InStackPositionNumber");
        assertThat(third.value()).isEqualTo("3");
    }

    private static TagNode element(int group, int element, String keyword, String creator, String vr, String value) {
        return TagNode.element(group, element, keyword, creator, vr, value, "", List.of());
    }

    private static TagNode sequence(int group, int element, String keyword, TagNode... items) {
        return TagNode.element(group, element, keyword, null, "SQ", items.length + " items", "", List.of(items));
    }
}
