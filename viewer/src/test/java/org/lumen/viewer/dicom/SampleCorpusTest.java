// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Every file of the shared corpus either reads and decodes with the size its header declares, or
 * is refused with the reason we expect for it. The expected refusals are listed by name, so a file
 * that starts failing (or starts working) shows up here.
 */
class SampleCorpusTest {

    /** Files the stack cannot use, and a word their reason must contain. */
    private static final Map<String, String> UNUSABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("charset/chrJapMulti.dcm", "missing pixel data"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR", "DICOMDIR"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR-bigEnd", "DICOMDIR"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR-empty.dcm", "DICOMDIR"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR-implicit", "DICOMDIR"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR-nooffset", "DICOMDIR"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR-nopatient", "DICOMDIR"),
            Map.entry("dicomdir/pcir_fileset/DICOMDIR-reordered", "DICOMDIR"),
            Map.entry("malformed/MR_truncated.dcm", "truncated"),
            Map.entry("malformed/UN_sequence.dcm", "no SOP Instance UID"),
            Map.entry("malformed/meta_missing_tsyntax.dcm", "no SOP Instance UID"),
            Map.entry("malformed/no_meta.dcm", "not a DICOM file"),
            Map.entry("private_phi/priv_SQ.dcm", "no SOP Instance UID")));

    /**
     * Headers read, but pixels cannot be decoded; the reason names the syntax. Empty: images whose pixels
     * no decoder takes are refused when their header is read, so info never lists what render refuses.
     */
    private static final Map<String, String> UNDECODABLE = new TreeMap<>();

    static Stream<Path> corpus() {
        return Samples.allFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileLoadsOrIsRefusedWithItsReason(Path file) {
        String name = Samples.relative(file);
        // A guard against hangs on malformed input, not a performance assertion.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check(file, name));
    }

    private static void check(Path file, String name) throws UnusableFileException {
        InstanceHeader header;
        try {
            header = new DicomHeaderReader().read(file);
        } catch (UnusableFileException e) {
            assertThat(UNUSABLE).as("unexpected refusal of %s: %s", name, e.getMessage()).containsKey(name);
            assertThat(e.getMessage()).contains(UNUSABLE.get(name));
            return;
        }
        assertThat(UNUSABLE).as("%s was expected to be refused", name).doesNotContainKey(name);
        assertThat(header.sopInstanceUid()).isNotBlank();
        assertThat(header.study().studyInstanceUid()).isNotBlank();
        if (!header.kind().isImage()) {
            assertThat(header.pixels()).isNull();
            return;
        }
        List<DecodedFrame> frames;
        try {
            frames = new FrameDecoder().decodeAll(header);
        } catch (UnusableFileException e) {
            assertThat(UNDECODABLE).as("unexpected decode failure of %s: %s", name, e.getMessage()).containsKey(name);
            assertThat(e.getMessage()).contains(UNDECODABLE.get(name));
            return;
        }
        assertThat(UNDECODABLE).as("%s was expected not to decode", name).doesNotContainKey(name);
        assertThat(frames).hasSize(header.frames());
        for (DecodedFrame frame : frames) {
            assertThat(frame.columns()).isEqualTo(header.pixels().columns());
            assertThat(frame.rows()).isEqualTo(header.pixels().rows());
            assertThat(frame).isInstanceOf(header.pixels().isColor() ? ColorFrame.class : GrayFrame.class);
        }
    }

    @Test
    void everyListedFileExists() {
        List<String> present = Samples.allFiles().stream().map(Samples::relative).toList();
        assertThat(present).containsAll(UNUSABLE.keySet()).containsAll(UNDECODABLE.keySet());
    }
}
