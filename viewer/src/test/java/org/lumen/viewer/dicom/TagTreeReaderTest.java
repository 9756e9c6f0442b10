// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.viewer.Samples;

/** The tag browser's reader against real files of the corpus: plain, nested, national, private, damaged. */
class TagTreeReaderTest {

    private static final String CT = "wg04/CT2_UNC.dcm";
    private static final String ENHANCED_MR = "multiframe/siemens_xa10_enhanced_mr/6_1.dcm";

    @Test
    void readsTheFileMetaAndTheDataSetInTagOrder() throws Exception {
        List<TagNode> rows = TagTreeReader.read(Samples.file(CT));

        assertThat(rows.getFirst().tag()).isEqualTo("(0002,0000)");
        assertThat(rows).extracting(r -> r.group() << 16 | r.element()).isSorted();
        assertThat(row(rows, "(0002,0010)").value()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(row(rows, "(0002,0010)").meaning()).isEqualTo("Explicit VR Little Endian");
        assertThat(row(rows, "(0008,0016)").meaning()).isEqualTo("CT Image Storage");
        TagNode modality = row(rows, "(0008,0060)");
        assertThat(modality.keyword()).isEqualTo("Modality");
        assertThat(modality.vr()).isEqualTo("CS");
        assertThat(modality.value()).isEqualTo("CT");
        assertThat(row(rows, "(0010,0010)").value()).isEqualTo("CompressedSamples^CT2");
        // Multiple values joined with backslashes; a short binary value as hex bytes.
        assertThat(row(rows, "(0008,0008)").value()).isEqualTo("ORIGINAL\\SECONDARY\\AXIAL");
        assertThat(row(rows, "(0002,0001)").value()).isEqualTo("00\\01");
        assertThat(row(rows, "(0028,0010)").value()).isEqualTo("512");
    }

    @Test
    void pixelDataIsShownByItsLengthAndNeverRead(@TempDir Path dir) throws Exception {
        List<TagNode> rows = TagTreeReader.read(Samples.file(CT));
        TagNode pixels = rows.getLast();
        assertThat(pixels.tag()).isEqualTo("(7FE0,0010)");
        assertThat(pixels.keyword()).isEqualTo("PixelData");
        assertThat(pixels.value()).isEqualTo("<OW 524288 bytes>");
        assertThat(pixels.children()).isEmpty();

        // The header of a file cut 3 kB into its pixel data reads the same: the pixel bytes are never touched.
        Path cut = copyStart(Samples.file(CT), 5000, dir.resolve("cut.dcm"));
        List<TagNode> cutRows = TagTreeReader.read(cut);
        assertThat(cutRows.subList(0, cutRows.size() - 1)).isEqualTo(rows.subList(0, rows.size() - 1));
        assertThat(cutRows.getLast().value()).isEqualTo("<OW 524288 bytes; truncated: 3506 in the file>");

        assertThat(TagTreeReader.read(Samples.file("wg04/CT2_JPLL.dcm")).getLast().value())
                .startsWith("<OB encapsulated: ").contains(" fragments, ").endsWith(" bytes>");
    }

    @Test
    void sequencesHoldNumberedItemsWithTheirElements() throws Exception {
        List<TagNode> rows = TagTreeReader.read(Samples.file(ENHANCED_MR));

        TagNode perFrame = row(rows, "(5200,9230)");
        assertThat(perFrame.keyword()).isEqualTo("PerFrameFunctionalGroupsSequence");
        assertThat(perFrame.isSequence()).isTrue();
        assertThat(perFrame.value()).isEqualTo("6 items");
        assertThat(perFrame.children()).extracting(TagNode::keyword)
                .containsExactly("Item 1", "Item 2", "Item 3", "Item 4", "Item 5", "Item 6");
        assertThat(perFrame.children()).allMatch(i -> i.kind() == TagNode.Kind.ITEM && i.tag().equals("(FFFE,E000)"));

        // Item 3 > Frame Content Sequence > Item 1 > In-Stack Position Number.
        TagNode content = row(perFrame.children().get(2).children(), "(0020,9111)");
        TagNode position = row(content.children().getFirst().children(), "(0020,9057)");
        assertThat(position.keyword()).isEqualTo("InStackPositionNumber");
        assertThat(position.value()).isEqualTo("3");

        List<TagNode> report = TagTreeReader.read(Samples.file("seg_sr_rt/test-SR.dcm"));
        TagNode container = row(report, "(0040,A730)").children().get(1);
        TagNode nested = row(container.children(), "(0040,A730)");
        assertThat(nested.children()).hasSize(4);
        assertThat(row(nested.children().getFirst().children(), "(0040,A160)").value()).isEqualTo("A mass of");
    }

    @Test
    void longSequencesListTheirFirstItemsAndGatherTheRest() throws Exception {
        List<TagNode> rows = new TagTreeReader(2, TagTreeReader.ROW_BUDGET).readTree(Samples.file(ENHANCED_MR));

        TagNode perFrame = row(rows, "(5200,9230)");
        assertThat(perFrame.value()).isEqualTo("6 items");
        assertThat(perFrame.children()).extracting(TagNode::keyword).containsExactly("Item 1", "Item 2", "… 4 more items");
        TagNode more = perFrame.children().getLast();
        assertThat(more.kind()).isEqualTo(TagNode.Kind.MORE);
        // The gathered items are still there to open and to search.
        assertThat(more.children()).extracting(TagNode::keyword).containsExactly("Item 3", "Item 4", "Item 5", "Item 6");

        // Past the row budget, items are counted and not listed.
        List<TagNode> budgeted = new TagTreeReader(2, 10).readTree(Samples.file(ENHANCED_MR));
        TagNode counted = row(budgeted, "(5200,9230)").children().getFirst();
        assertThat(counted.keyword()).isEqualTo("… 6 more items");
        assertThat(counted.value()).isEqualTo("not listed");
        assertThat(counted.children()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "charset/chrH31.dcm|Yamada^Tarou=山田^太郎=やまだ^たろう",
        "charset/chrRuss.dcm|Люкceмбypг",
        "charset/chrGreek.dcm|Διονυσιος",
        "charset/chrArab.dcm|قباني^لنزار",
        "charset/chrX1.dcm|Wang^XiaoDong=王^小東="})
    void decodesTheSpecificCharacterSet(String file, String name) throws Exception {
        assertThat(row(TagTreeReader.read(Samples.file(file)), "(0010,0010)").value()).isEqualTo(name);
    }

    @Test
    void privateElementsNameTheirCreator() throws Exception {
        List<TagNode> rows = TagTreeReader.read(Samples.file(ENHANCED_MR));

        TagNode creator = row(rows, "(0021,0012)");
        assertThat(creator.keyword()).isEqualTo("PrivateCreator");
        assertThat(creator.value()).isEqualTo("SIEMENS MR SDR 01");
        TagNode element = row(rows, "(0021,1201)");
        assertThat(element.keyword()).isEqualTo("Private");
        assertThat(element.privateCreator()).isEqualTo("SIEMENS MR SDR 01");
        assertThat(element.name()).isEqualTo("Private [SIEMENS MR SDR 01]");
        assertThat(element.isPrivate()).isTrue();
        assertThat(element.value()).isEqualTo("ACQUISITION");

        // Inside an item, the creator is the item's own.
        TagNode frameType = row(row(rows, "(5200,9230)").children().getFirst().children(), "(0018,9226)");
        TagNode inItem = row(frameType.children().getFirst().children(), "(0021,1177)");
        assertThat(inItem.privateCreator()).isEqualTo("SIEMENS MR SDI 02");

        // An implicit-VR private element of unknown VR is shown by its length.
        TagNode unknown = row(TagTreeReader.read(Samples.file("private_phi/priv_SQ.dcm")), "(3F03,1001)");
        assertThat(unknown.vr()).isEqualTo("UN");
        assertThat(unknown.privateCreator()).isEqualTo("aaabbbccc MEDICAL SYSTEMS");
        assertThat(unknown.value()).isEqualTo("<UN 166 bytes>");
    }

    @Test
    void refusesWhatIsNotDicomWithASentence(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "Radiology report, not an image. ".repeat(20));
        assertThatThrownBy(() -> TagTreeReader.read(text)).isInstanceOf(UnusableFileException.class)
                .hasMessage("not a DICOM file: no 'DICM' prefix and no DICOM data set at the start");

        Path empty = Files.createFile(dir.resolve("empty.dcm"));
        assertThatThrownBy(() -> TagTreeReader.read(empty)).hasMessage("empty file");
        assertThatThrownBy(() -> TagTreeReader.read(dir.resolve("missing.dcm"))).hasMessage("file not found");
    }

    @Test
    void refusesAFileCutInsideItsHeader(@TempDir Path dir) throws IOException {
        Path cut = copyStart(Samples.file(CT), 700, dir.resolve("ct.dcm"));
        assertThatThrownBy(() -> TagTreeReader.read(cut)).isInstanceOf(UnusableFileException.class)
                .hasMessage("truncated: the file ends inside element (0008,1070) OperatorsName");

        Path report = copyStart(Samples.file("seg_sr_rt/test-SR.dcm"), 2501, dir.resolve("sr.dcm"));
        // The declared lengths are checked before PixelMed reads: the cut Content Sequence (0040,A730) is named with its counts.
        assertThatThrownBy(() -> TagTreeReader.read(report)).isInstanceOf(UnusableFileException.class)
                .hasMessage("truncated or damaged header: element (0040,A730) claims 5,150 bytes, but only 855 follow it in the file");
    }

    @Test
    void readsEveryFileTheHeaderReaderAccepts() throws Exception {
        // The browser must open whatever the viewer lists: same files, no exception other than a refusal.
        DicomHeaderReader headers = new DicomHeaderReader();
        for (Path file : Samples.allFiles()) {
            try {
                headers.read(file);
            } catch (UnusableFileException e) {
                continue;
            }
            List<TagNode> rows = TagTreeReader.read(file);
            assertThat(rows).as(Samples.relative(file)).isNotEmpty();
        }
    }

    private static TagNode row(List<TagNode> rows, String tag) {
        return rows.stream().filter(r -> r.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + tag + " in " + rows));
    }

    private static Path copyStart(Path source, int bytes, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return Files.write(target, in.readNBytes(bytes));
        }
    }
}
