// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;

/** Broken input is reported with a reason while the rest loads; nothing else escapes and nothing hangs. */
class MalformedInputTest {

    private static final String GOOD_CT = "ct_series/philips_phantom_std_brain_1mm";
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void brokenFilesAreReportedAndGoodSeriesStillLoad() throws Exception {
        Path good = Files.createDirectories(folder.resolve("good"));
        try (var files = Files.list(Samples.file(GOOD_CT))) {
            for (Path f : files.toList()) {
                Files.copy(f, good.resolve(f.getFileName()));
            }
        }
        byte[] ct = Files.readAllBytes(Samples.file(GOOD_CT + "/I560"));
        Files.writeString(folder.resolve("notes.txt"), "radiology report draft, not DICOM\n");
        Files.write(folder.resolve("empty.dcm"), new byte[0]);
        Files.write(folder.resolve("header-cut.dcm"), Arrays.copyOf(ct, 600));
        Files.write(folder.resolve("pixels-cut.dcm"), Arrays.copyOf(ct, ct.length - 1000));
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        Files.write(folder.resolve("noise.dcm"), noise);

        DicomIndex index = new Indexer(pool, 2).index(new FolderSource(folder), TaskContext.none());

        assertThat(index.allSeries()).hasSize(1);
        assertThat(index.allSeries().getFirst().instances()).hasSize(30);
        assertThat(index.problems()).extracting(p -> Path.of(p.file()).getFileName().toString())
                .containsExactlyInAnyOrder("notes.txt", "empty.dcm", "header-cut.dcm", "pixels-cut.dcm", "noise.dcm");
        assertThat(reason(index, "notes.txt")).contains("not a DICOM file");
        assertThat(reason(index, "empty.dcm")).contains("empty file");
        assertThat(reason(index, "header-cut.dcm")).contains("truncated");
        assertThat(reason(index, "pixels-cut.dcm")).contains("truncated");
        assertThat(reason(index, "noise.dcm")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wg04/CT2_JPLL.dcm", "wg04/CT2_JLSL.dcm", "wg04/MR1_JPLY.dcm", "wg04/CT2_J2KR.dcm", "wg04/CT2_RLE.dcm"})
    void corruptOrTruncatedCodestreamsAreRefusedOrDecodeWithoutEscaping(String sample) throws Exception {
        byte[] original = Files.readAllBytes(Samples.file(sample));
        for (int variant = 0; variant < 4; variant++) {
            byte[] damaged;
            if (variant < 3) {
                damaged = original.clone();
                Random random = new Random(variant);
                int start = 2000 + variant * (original.length / 4);
                for (int i = start; i < start + 400 && i < damaged.length; i++) {
                    damaged[i] = (byte) random.nextInt();
                }
            } else {
                damaged = Arrays.copyOf(original, original.length * 2 / 3); // cut inside the codestream
            }
            Path file = folder.resolve("damaged" + variant + ".dcm");
            Files.write(file, damaged);
            // A guard against hangs on damaged input, not a performance assertion.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    InstanceHeader header = new DicomHeaderReader().read(file);
                    assertThat(new FrameDecoder().decodeAll(header)).hasSize(1);
                } catch (UnusableFileException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            });
        }
    }

    @Test
    void missingFileIsReportedAsSuch() {
        assertThatThrownBy(() -> new DicomHeaderReader().read(folder.resolve("gone.dcm")))
                .isInstanceOf(UnusableFileException.class).hasMessage("file not found");
    }

    private static String reason(DicomIndex index, String fileName) {
        return index.problems().stream().filter(p -> p.file().endsWith(fileName)).findFirst().orElseThrow().reason();
    }
}
