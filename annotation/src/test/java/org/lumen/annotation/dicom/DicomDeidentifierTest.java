// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.deid.ConfidentialityProfile;
import org.lumen.annotation.deid.DeidOption;
import org.lumen.annotation.deid.DeidSettings;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.deid.PixelRegion;
import org.lumen.viewer.Samples;

/** The Basic Profile and its options on real files with identifying values, checked by reading the output back. */
class DicomDeidentifierTest {

    private static final KeyedIdentities SITE = new KeyedIdentities("lumen-test-site-key-0123456789".getBytes(StandardCharsets.US_ASCII));
    private static final Path SIEMENS = Samples.file("private_phi/siemens_original_011-0001.img");

    @TempDir
    Path dir;

    private static DicomDeidentifier deidentifier(DeidSettings settings) {
        return new DicomDeidentifier(ConfidentialityProfile.standard(), settings, SITE, "Lumen test: PS3.15 Basic Profile");
    }

    @Test
    void theBasicProfileRemovesTheIdentityAndKeepsThePixels() throws Exception {
        AttributeList before = read(SIEMENS);
        Path out = dir.resolve("out.dcm");

        DicomDeidentifier.Outcome outcome = deidentifier(DeidSettings.BASIC).deidentify(SIEMENS, out);

        assertThat(outcome).isInstanceOf(DicomDeidentifier.Written.class);
        AttributeList after = read(out);
        assertThat(text(after, TagFromName.PatientName)).startsWith("ANONYMOUS^").isNotEqualTo(text(before, TagFromName.PatientName));
        assertThat(text(after, TagFromName.PatientID)).startsWith("ANON-");
        assertThat(text(after, TagFromName.PatientBirthDate)).isNullOrEmpty();
        assertThat(after.get(TagFromName.PatientAddress)).isNull();
        assertThat(text(after, TagFromName.InstitutionName)).isNotEqualTo(text(before, TagFromName.InstitutionName));
        assertThat(after.get(TagFromName.OtherPatientIDs)).isNull();
        assertThat(text(after, TagFromName.AccessionNumber)).isNullOrEmpty();
        assertThat(text(after, TagFromName.ReferringPhysicianName)).isNullOrEmpty();
        assertThat(after.keySet()).as("no private attribute is left").noneMatch(t -> t.getGroup() % 2 == 1);
        for (AttributeTag uid : List.of(TagFromName.StudyInstanceUID, TagFromName.SeriesInstanceUID, TagFromName.SOPInstanceUID,
                TagFromName.FrameOfReferenceUID)) {
            assertThat(text(after, uid)).as(uid.toString()).startsWith("2.25.").isNotEqualTo(text(before, uid));
        }
        assertThat(text(after, TagFromName.MediaStorageSOPInstanceUID)).isEqualTo(text(after, TagFromName.SOPInstanceUID));
        assertThat(text(after, TagFromName.SOPClassUID)).isEqualTo(text(before, TagFromName.SOPClassUID));
        assertThat(text(after, new AttributeTag(0x0012, 0x0062))).isEqualTo("YES");
        assertThat(text(after, new AttributeTag(0x0028, 0x0303))).isEqualTo("REMOVED");
        assertThat(codes(after)).containsExactly("113100");
        assertThat(after.get(TagFromName.PixelData).getShortValues()).isEqualTo(before.get(TagFromName.PixelData).getShortValues());
        // Not one identifying value of the original is anywhere in the file's bytes.
        String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        for (AttributeTag identifying : List.of(TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate,
                TagFromName.AccessionNumber, TagFromName.InstitutionName, TagFromName.StudyInstanceUID, TagFromName.SOPInstanceUID)) {
            String value = text(before, identifying);
            if (value != null && value.length() >= 4) {
                assertThat(bytes).as(identifying + " " + value).doesNotContain(value);
            }
        }
    }

    @Test
    void theSameOriginalGetsTheSameReplacementsEveryTime() throws Exception {
        deidentifier(DeidSettings.BASIC).deidentify(SIEMENS, dir.resolve("a.dcm"));
        deidentifier(DeidSettings.BASIC).deidentify(SIEMENS, dir.resolve("b.dcm"));
        new DicomDeidentifier(ConfidentialityProfile.standard(), DeidSettings.BASIC,
                new KeyedIdentities("another-site-key-9876543210".getBytes(StandardCharsets.US_ASCII)), "x")
                .deidentify(SIEMENS, dir.resolve("c.dcm"));

        AttributeList a = read(dir.resolve("a.dcm"));
        AttributeList b = read(dir.resolve("b.dcm"));
        AttributeList c = read(dir.resolve("c.dcm"));
        for (AttributeTag tag : List.of(TagFromName.StudyInstanceUID, TagFromName.SeriesInstanceUID, TagFromName.SOPInstanceUID,
                TagFromName.PatientID, TagFromName.PatientName)) {
            assertThat(text(b, tag)).as(tag.toString()).isEqualTo(text(a, tag));
            assertThat(text(c, tag)).as("another site's key gives other replacements").isNotEqualTo(text(a, tag));
        }
    }

    @Test
    void modifiedDatesMoveEveryDateOfThePatientByTheSameDays() throws Exception {
        AttributeList before = read(SIEMENS);
        Path out = dir.resolve("dates.dcm");

        deidentifier(new DeidSettings(Set.of(DeidOption.RETAIN_LONGITUDINAL_MODIFIED_DATES), false)).deidentify(SIEMENS, out);

        AttributeList after = read(out);
        long studyShift = days(text(before, TagFromName.StudyDate), text(after, TagFromName.StudyDate));
        long seriesShift = days(text(before, TagFromName.SeriesDate), text(after, TagFromName.SeriesDate));
        assertThat(studyShift).isNegative().isEqualTo(seriesShift);
        assertThat(text(after, new AttributeTag(0x0028, 0x0303))).isEqualTo("MODIFIED");
        assertThat(codes(after)).containsExactly("113100", "113107");
    }

    @Test
    void optionsKeepWhatTheyName() throws Exception {
        AttributeList before = read(SIEMENS);
        Path out = dir.resolve("kept.dcm");

        deidentifier(new DeidSettings(Set.of(DeidOption.RETAIN_UIDS, DeidOption.RETAIN_PATIENT_CHARACTERISTICS,
                DeidOption.RETAIN_INSTITUTION_IDENTITY), false)).deidentify(SIEMENS, out);

        AttributeList after = read(out);
        assertThat(text(after, TagFromName.StudyInstanceUID)).isEqualTo(text(before, TagFromName.StudyInstanceUID));
        assertThat(text(after, TagFromName.PatientSex)).isEqualTo(text(before, TagFromName.PatientSex));
        assertThat(text(after, TagFromName.InstitutionName)).isEqualTo(text(before, TagFromName.InstitutionName));
        assertThat(text(after, TagFromName.PatientName)).startsWith("ANONYMOUS^");
        assertThat(codes(after)).containsExactly("113100", "113110", "113112", "113108");
    }

    @Test
    void overlaysAndPrivateSequencesGoWhole() throws Exception {
        Path overlays = Samples.file("private_phi/MR-SIEMENS-DICOM-WithOverlays.dcm");
        assertThat(read(overlays).keySet()).anyMatch(t -> t.getGroup() == 0x6000);
        deidentifier(DeidSettings.BASIC).deidentify(overlays, dir.resolve("o.dcm"));
        Path csa = Samples.file("private_phi/heudiconv_phantom.dcm");
        assertThat(read(csa).keySet()).anyMatch(t -> t.getGroup() % 2 == 1);
        deidentifier(DeidSettings.BASIC).deidentify(csa, dir.resolve("p.dcm"));

        assertThat(read(dir.resolve("o.dcm")).keySet()).noneMatch(t -> (t.getGroup() & 0xFF00) == 0x6000 || t.getGroup() % 2 == 1);
        assertThat(read(dir.resolve("p.dcm")).keySet()).noneMatch(t -> t.getGroup() % 2 == 1);
        // A bare data set without a SOP class is refused with the reason, and nothing is written.
        assertThatThrownBy(() -> deidentifier(DeidSettings.BASIC).deidentify(Samples.file("private_phi/priv_SQ.dcm"), dir.resolve("q.dcm")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("has no SOP Class UID");
        assertThat(dir.resolve("q.dcm")).doesNotExist();
    }

    @Test
    void retainSafePrivateKeepsTheStandardsSafeListWithItsCreatorsAndNothingElse() throws Exception {
        // A Philips CT whose ELSCINT1 blocks hold, among much else, four attributes of Table E.3.10-1.
        Path ct = Samples.file("ct_series/philips_phantom_std_brain_1mm/I560");
        deidentifier(new DeidSettings(Set.of(DeidOption.RETAIN_SAFE_PRIVATE), false)).deidentify(ct, dir.resolve("safe.dcm"));
        deidentifier(DeidSettings.BASIC).deidentify(ct, dir.resolve("basic.dcm"));

        AttributeList safe = read(dir.resolve("safe.dcm"));
        assertThat(safe.keySet().stream().filter(t -> t.getGroup() % 2 == 1).map(t -> String.format("%04X,%04X", t.getGroup(), t.getElement())))
                .containsExactlyInAnyOrder("00E1,0010", "00E1,1050", "01F1,0010", "01F1,1001", "01F1,1026", "01F1,1027");
        assertThat(Attribute.getSingleStringValueOrNull(safe, new AttributeTag(0x01F1, 0x1026))).isEqualTo("0.391");
        assertThat(read(dir.resolve("basic.dcm")).keySet()).noneMatch(t -> t.getGroup() % 2 == 1);
    }

    @Test
    void aBlockTheFileDeclaresSafeIsKeptUnderRetainSafePrivate() throws Exception {
        // Siemens' MR header block has a listed element (0019,xx0B is not on the list, 0019,xx0C is): declare
        // (0019,xx0B) nonidentifying in the file's own Private Data Element Characteristics Sequence.
        AttributeList list = read(Samples.file("private_phi/heudiconv_phantom.dcm"));
        SequenceAttribute characteristics = new SequenceAttribute(new AttributeTag(0x0008, 0x0300));
        AttributeList item = new AttributeList();
        Attribute group = new UnsignedShortAttribute(new AttributeTag(0x0008, 0x0301));
        group.addValue(0x0019);
        item.put(group);
        Attribute creator = new LongStringAttribute(new AttributeTag(0x0008, 0x0302));
        creator.addValue("SIEMENS MR HEADER");
        item.put(creator);
        Attribute status = new CodeStringAttribute(new AttributeTag(0x0008, 0x0303));
        status.addValue("MIXED");
        item.put(status);
        Attribute elements = new UnsignedShortAttribute(new AttributeTag(0x0008, 0x0304));
        elements.addValue(0x0B);
        item.put(elements);
        characteristics.addItem(item);
        list.put(characteristics);
        Path declared = dir.resolve("declared.dcm");
        list.write(declared.toFile(), Attribute.getSingleStringValueOrNull(list, TagFromName.TransferSyntaxUID), true, true);

        deidentifier(new DeidSettings(Set.of(DeidOption.RETAIN_SAFE_PRIVATE), false)).deidentify(declared, dir.resolve("out.dcm"));

        AttributeList out = read(dir.resolve("out.dcm"));
        assertThat(Attribute.getSingleStringValueOrNull(out, new AttributeTag(0x0019, 0x100B))).isEqualTo("12345");
        assertThat(Attribute.getSingleStringValueOrNull(out, new AttributeTag(0x0019, 0x0010))).isEqualTo("SIEMENS MR HEADER");
        // Nothing else of the block, and none of the CSA headers.
        assertThat(out.keySet()).noneMatch(t -> t.getGroup() == 0x0019 && t.getElement() != 0x100B && t.getElement() != 0x0010);
        assertThat(out.keySet()).noneMatch(t -> t.getGroup() == 0x0029);
    }

    @Test
    void uidsInsideSequencesAreReplacedConsistently() throws Exception {
        // An SR references other instances from inside nested sequences.
        Path sr = Samples.file("seg_sr_rt/liver.dcm");
        AttributeList before = read(sr);
        List<String> referencedBefore = uidsIn(before, TagFromName.ReferencedSOPInstanceUID);
        assertThat(referencedBefore).isNotEmpty();

        deidentifier(DeidSettings.BASIC).deidentify(sr, dir.resolve("seg.dcm"));

        List<String> referencedAfter = uidsIn(read(dir.resolve("seg.dcm")), TagFromName.ReferencedSOPInstanceUID);
        assertThat(referencedAfter).hasSameSizeAs(referencedBefore)
                .isEqualTo(referencedBefore.stream().map(SITE::uid).toList());
    }

    @Test
    void compressedPixelDataLeavesAsItCame() throws Exception {
        Path jpegLs = Samples.file("transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm");
        Path out = dir.resolve("jls.dcm");

        deidentifier(DeidSettings.BASIC).deidentify(jpegLs, out);

        AttributeList before = read(jpegLs);
        AttributeList after = read(out);
        assertThat(text(after, TagFromName.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.4.80");
        assertThat(((OtherByteAttributeMultipleCompressedFrames) after.get(TagFromName.PixelData)).getFrames())
                .isDeepEqualTo(((OtherByteAttributeMultipleCompressedFrames) before.get(TagFromName.PixelData)).getFrames());
    }

    @Test
    void ultrasoundIsHeldBackUntilAPersonHasLookedAtIt() throws Exception {
        Path us = Samples.file("us/no-pixel-spacing.dcm");

        DicomDeidentifier.Outcome held = deidentifier(DeidSettings.BASIC).deidentify(us, dir.resolve("us.dcm"));
        DicomDeidentifier.Outcome reviewed = deidentifier(new DeidSettings(Set.of(), true)).deidentify(us, dir.resolve("us2.dcm"));

        assertThat(held).isInstanceOfSatisfying(DicomDeidentifier.HeldBack.class, h -> assertThat(h.why()).contains("ultrasound"));
        assertThat(dir.resolve("us.dcm")).doesNotExist();
        assertThat(reviewed).isInstanceOf(DicomDeidentifier.Written.class);
        assertThat(dir.resolve("us2.dcm")).exists();
    }

    @Test
    void aMaskedRegionIsBlankInEveryFrameAndTheRestUnchanged() throws Exception {
        Path us = Samples.file("us/no-pixel-spacing.dcm");
        Path out = dir.resolve("masked.dcm");
        PixelRegion band = new PixelRegion(0, 0, 10_000, 40);

        DicomDeidentifier.Outcome outcome = deidentifier(new DeidSettings(Set.of(), false, List.of(band))).deidentify(us, out);

        assertThat(outcome).isInstanceOfSatisfying(DicomDeidentifier.Written.class, w -> assertThat(w.masked()).containsExactly(band));
        AttributeList before = new AttributeList();
        before.read(us.toFile());
        before.correctDecompressedImagePixelModule(true);
        AttributeList after = new AttributeList();
        after.read(out.toFile());
        int columns = Attribute.getSingleIntegerValueOrDefault(after, TagFromName.Columns, 0);
        int samples = Attribute.getSingleIntegerValueOrDefault(after, TagFromName.SamplesPerPixel, 1);
        int frameSize = columns * Attribute.getSingleIntegerValueOrDefault(after, TagFromName.Rows, 0) * samples;
        byte[] original = before.get(TagFromName.PixelData).getByteValues();
        byte[] masked = after.get(TagFromName.PixelData).getByteValues();
        assertThat(masked).hasSameSizeAs(original);
        int inside = 40 * columns * samples;
        for (int f = 0; f * frameSize < masked.length; f++) {
            int start = f * frameSize;
            assertThat(java.util.Arrays.copyOfRange(masked, start, start + inside)).as("frame %d, the band", f).containsOnly((byte) 0);
            assertThat(java.util.Arrays.copyOfRange(masked, start + inside, start + frameSize))
                    .as("frame %d, below the band", f).isEqualTo(java.util.Arrays.copyOfRange(original, start + inside, start + frameSize));
        }
        assertThat(java.util.Arrays.copyOfRange(original, 0, inside)).as("the band had content to blank").isNotEqualTo(new byte[inside]);
        assertThat(text(after, new AttributeTag(0x0028, 0x0301))).isEqualTo("NO");
        assertThat(codes(after)).containsExactly("113100", "113101");
        assertThat(text(after, TagFromName.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.1");
    }

    @Test
    void dciodvfyFindsNoErrorTheOriginalDidNotHave() throws Exception {
        Path out = dir.resolve("checked.dcm");
        deidentifier(new DeidSettings(Set.of(DeidOption.RETAIN_LONGITUDINAL_MODIFIED_DATES), false)).deidentify(SIEMENS, out);

        List<String> before = errors(SIEMENS);
        List<String> after = errors(out);

        assertThat(after).as("errors dciodvfy finds in the output and not in the input").isSubsetOf(before);
    }

    private static List<String> errors(Path file) throws Exception {
        Process p = new ProcessBuilder("dciodvfy", "-new", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output.lines().filter(l -> l.startsWith("Error")).map(l -> l.replaceAll("0x[0-9a-fA-F]+", "")).distinct().toList();
    }

    private static long days(String before, String after) {
        DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
        return ChronoUnit.DAYS.between(LocalDate.parse(before, da), LocalDate.parse(after, da));
    }

    private static List<String> codes(AttributeList list) {
        List<String> codes = new ArrayList<>();
        SequenceAttribute s = (SequenceAttribute) list.get(new AttributeTag(0x0012, 0x0064));
        for (int i = 0; i < s.getNumberOfItems(); i++) {
            codes.add(text(s.getItem(i).getAttributeList(), TagFromName.CodeValue));
        }
        return codes;
    }

    private static List<String> uidsIn(AttributeList list, AttributeTag tag) {
        List<String> found = new ArrayList<>();
        for (Attribute a : list.values()) {
            if (a.getTag().equals(tag)) {
                found.add(a.getSingleStringValueOrEmptyString());
            }
            if (a instanceof SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) {
                    found.addAll(uidsIn(s.getItem(i).getAttributeList(), tag));
                }
            }
        }
        return found;
    }

    private static AttributeList read(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        list.read(file.toFile());
        return list;
    }

    private static String text(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrNull(list, tag);
    }
}
