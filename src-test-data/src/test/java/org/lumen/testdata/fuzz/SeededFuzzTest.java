// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lumen.task.Pools;
import org.lumen.testdata.fuzz.Mutation.Kind;

/**
 * Seeded fuzzing in the build (issue 15): each kind of damage fuzzing found Lumen vulnerable to, applied to
 * samples of each encoding, then listed, stacked and rendered beside an undamaged neighbour. Every file is read or
 * refused with a sentence, its neighbour is still listed, and nothing hangs. The seeds are fixed, so a failure
 * names the sample, kind and seed that reproduce it; {@code lumen bench --only fuzz} runs many more.
 */
class SeededFuzzTest {

    /** Native, JPEG lossless, JPEG-LS, JPEG 2000, RLE, implicit VR, multi-frame, big endian, deflate. */
    private static final List<String> SAMPLES = List.of("ct_series/philips_phantom_std_brain_1mm/I560", "wg04/CT2_JPLL.dcm",
            "wg04/MR3_JLSN.dcm", "wg04/CT2_J2KR.dcm", "transfer_syntaxes/pydicom/MR_small_RLE.dcm",
            "transfer_syntaxes/pydicom/MR_small_implicit.dcm", "multiframe/emri_small.dcm", "transfer_syntaxes/pydicom/MR_small_bigendian.dcm",
            "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm");
    /** What one input under 1 MB may cost (issue 15): bytes allocated while it is handled, all threads. */
    private static final long MEMORY_LIMIT = 512L << 20;
    private static final int SEEDS = 6;

    private static Path samples;
    private static Pools pools;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        samples = Path.of(System.getProperty("lumen.samples"));
        pools = new Pools(2);
    }

    @AfterAll
    static void stop() {
        pools.close();
    }

    @org.junit.jupiter.api.Test
    void theFuzzerWalksEverySampleSoItsDamageIsTheIntendedKind() throws Exception {
        // A deflated data set cannot be walked without inflating it: its damage is to the bytes (Kind.BYTES).
        for (String sample : SAMPLES.stream().filter(s -> !s.contains("Deflated")).toList()) {
            byte[] bytes = Files.readAllBytes(samples.resolve(sample));
            DicomLayout layout = DicomLayout.of(bytes).orElseThrow(() -> new AssertionError(sample + " not walked"));
            assertThat(layout.find(DicomLayout.PIXEL_DATA)).as(sample).isPresent();
            assertThat(DicomMutator.mutate(bytes, Kind.GEOMETRY, 1).kind()).as(sample).isEqualTo(Kind.GEOMETRY);
        }
        byte[] jpeg2000 = Files.readAllBytes(samples.resolve("wg04/CT2_J2KR.dcm"));
        assertThat(DicomLayout.of(jpeg2000).orElseThrow().fragments()).hasSizeGreaterThan(1);
        assertThat(DicomMutator.mutate(jpeg2000, Kind.STALE_FRAGMENTS, 1).kind()).isEqualTo(Kind.STALE_FRAGMENTS);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class)
    void everyDamagedFileIsReadOrRefusedAndItsNeighbourStaysListed(Kind kind) throws Exception {
        FuzzPipeline pipeline = new FuzzPipeline(pools);
        List<String> findings = new ArrayList<>();
        for (String sample : SAMPLES) {
            Path original = samples.resolve(sample);
            Path neighbour = samples.resolve(sample.startsWith("wg04/CT2") ? "wg04/MR3_UNC.dcm" : "wg04/CT2_UNC.dcm");
            byte[] bytes = Files.readAllBytes(original);
            for (long seed = 0; seed < SEEDS; seed++) {
                Mutation mutation = DicomMutator.mutate(bytes, kind, seed);
                long seed0 = seed;
                Path[] files = FuzzPipeline.prepare(folder, mutation.bytes(), neighbour);
                // A guard against hangs (the fuzz run's limit), not a performance assertion.
                FuzzOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pipeline.run(folder, files[0], files[1]),
                        () -> sample + " " + mutation.kind() + " seed " + seed0 + " (" + mutation.what() + ") hangs");
                if (!outcome.acceptable()) {
                    findings.add(sample + " seed " + seed + " (" + mutation.what() + "): " + outcome.verdict() + " " + outcome.detail());
                }
                if (mutation.bytes().length < (1 << 20) && outcome.allocatedBytes() > MEMORY_LIMIT) {
                    findings.add(sample + " seed " + seed + " (" + mutation.what() + "): allocated " + outcome.allocatedBytes() + " bytes");
                }
            }
        }
        assertThat(findings).isEmpty();
    }
}
