// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.Samples;

/**
 * What a header may make Lumen allocate (found by fuzzing: a 9 KB file whose length bytes were damaged cost 900 MB
 * in PixelMed, a 119 KB one 3.9 GB, 5 million empty sequence items 4.7 GB): lengths are checked against the bytes
 * present before PixelMed reads, and the refusal names the element and the counts.
 */
class DeclaredLengthsTest {

    @TempDir
    Path dir;

    /** MR_small_implicit.dcm with its first data-set element's length (implicit VR: 4 bytes) set to 2 GB. */
    private Path implicitWithHugeLength() throws Exception {
        byte[] file = Files.readAllBytes(Samples.file("transfer_syntaxes/pydicom/MR_small_implicit.dcm"));
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = metaEnd(file);
        // A text element a few elements in, so the damage is in the data set proper.
        for (int i = 0; i < 5; i++) {
            pos += 8 + b.getInt(pos + 4);
        }
        b.putInt(pos + 4, 0x7FFFFFF0);
        return Files.write(dir.resolve("huge-length.dcm"), file);
    }

    /** Where the (explicit VR little endian) file meta group ends. */
    private static int metaEnd(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 132;
        while (b.getShort(pos) == 0x0002) {
            boolean longForm = List.of("OB", "UN", "SQ", "UT").contains(new String(file, pos + 4, 2));
            pos += longForm ? 12 + b.getInt(pos + 8) : 8 + (b.getShort(pos + 6) & 0xFFFF);
        }
        return pos;
    }

    @Test
    void anElementLongerThanTheFileIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Path file = implicitWithHugeLength();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> new DicomHeaderReader().read(file)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("claims 2,147,483,632 bytes, but only");
        // Not a timing: the bytes this thread allocated, which PixelMed's 2 GB buffer used to dominate.
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(64L << 20);
    }

    @Test
    void aDeflatedDataSetIsCheckedInflated() throws Exception {
        Path sample = Samples.file(
                "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm");
        byte[] file = Files.readAllBytes(sample);
        int start = metaEnd(file);
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(file, start, file.length - start);
        byte[] dataSet = new byte[8 << 20];
        int n = inflater.inflate(dataSet);
        inflater.end();
        // The first element is explicit VR with a 2-byte length (a short VR, or the group length): make it a long VR of 2 GB.
        ByteBuffer d = ByteBuffer.wrap(dataSet, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        d.put(4, (byte) 'U').put(5, (byte) 'N').putShort(6, (short) 0).putInt(8, 0x7FFFFFF0);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
        deflater.setInput(dataSet, 0, n);
        deflater.finish();
        byte[] compressed = new byte[n + 1024];
        int m = deflater.deflate(compressed);
        deflater.end();
        byte[] out = new byte[start + m];
        System.arraycopy(file, 0, out, 0, start);
        System.arraycopy(compressed, 0, out, start, m);
        Path damaged = Files.write(dir.resolve("deflated.dcm"), out);

        assertThatThrownBy(() -> new DicomHeaderReader().read(damaged)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("claims 2,147,483,632 bytes");
    }

    @Test
    void aSequenceOfTooManyItemsIsRefusedWithItsTag() throws Exception {
        byte[] file = Files.readAllBytes(Samples.file("transfer_syntaxes/pydicom/MR_small_implicit.dcm"));
        int items = DeclaredLengths.MAX_ITEMS + 1;
        ByteBuffer sequence = ByteBuffer.allocate(8 + items * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        sequence.putShort((short) 0x0008).putShort((short) 0x1140).putInt(-1);
        for (int i = 0; i < items; i++) {
            sequence.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(0);
        }
        sequence.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        // Appended after the meta group as the data set's first element: (0008,1140) sorts after (0008,0005..) but
        // the walk checks lengths, not order.
        int metaEnd = metaEnd(file);
        byte[] out = new byte[file.length + sequence.capacity()];
        System.arraycopy(file, 0, out, 0, metaEnd);
        System.arraycopy(sequence.array(), 0, out, metaEnd, sequence.capacity());
        System.arraycopy(file, metaEnd, out, metaEnd + sequence.capacity(), file.length - metaEnd);
        Path path = Files.write(dir.resolve("many-items.dcm"), out);

        assertThatThrownBy(() -> DeclaredLengths.check(path)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("more than 1,000,000 sequence items").hasMessageContaining("(0008,1140)");
    }

    @Test
    void noSampleOfTheCorpusIsRefusedByTheCheck() throws Exception {
        List<Path> files = Samples.allFiles();
        List<String> refused = files.stream().filter(p -> !p.toString().contains("malformed")).flatMap(p -> {
            try {
                DeclaredLengths.check(p);
                return Stream.empty();
            } catch (UnusableFileException e) {
                return Stream.of(p + ": " + e.getMessage());
            }
        }).toList();
        assertThat(refused).isEmpty();
        assertThat(files).hasSizeGreaterThan(100);
    }
}
