// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.deid.DeidOption;
import org.lumen.annotation.deid.DeidSettings;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.deid.ConfidentialityProfile;
import org.lumen.annotation.export.Deidentification;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;

/** The leak scanner finds what it should (on originals, on kept attributes) and nothing in de-identified copies of every sample. */
class LeakScannerTest {

    private static final KeyedIdentities SITE = new KeyedIdentities("lumen-test-site-key-0123456789".getBytes(StandardCharsets.US_ASCII));
    private static final Path SIEMENS = Samples.file("private_phi/siemens_original_011-0001.img");

    @TempDir
    Path dir;

    @Test
    void anOriginalLeaksEverythingIdentifyingItHolds() throws IOException {
        LeakScanner scanner = new LeakScanner().learn(SIEMENS, true, true);

        List<String> what = scanner.scan(SIEMENS).stream().map(LeakScanner.Leak::what).distinct().toList();

        assertThat(what).contains("PatientName", "PatientID", "PatientBirthDate", "InstitutionName", "AccessionNumber", "StudyInstanceUID");
    }

    @Test
    void anAttributeAnOptionKeptIsFoundAndNamed() throws IOException {
        Path out = dir.resolve("kept.dcm");
        new DicomDeidentifier(ConfidentialityProfile.standard(), new DeidSettings(Set.of(DeidOption.RETAIN_INSTITUTION_IDENTITY), false),
                SITE, "test").deidentify(SIEMENS, out);

        List<LeakScanner.Leak> leaks = new LeakScanner().learn(SIEMENS, true, true).scan(out);

        assertThat(leaks).extracting(LeakScanner.Leak::what).containsOnly("InstitutionName", "InstitutionAddress");
        assertThat(leaks).extracting(LeakScanner.Leak::where).contains("(0x0008,0x0080)");
    }

    /** With the Basic Profile alone, and with the safe private attributes kept: nothing the originals identify remains. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void deidentifiedCopiesOfEverySampleLeakNothing(boolean retainSafePrivate) throws IOException {
        Set<DeidOption> options = retainSafePrivate ? Set.of(DeidOption.RETAIN_SAFE_PRIVATE) : Set.of();
        Deidentification.Summary summary = new Deidentification(new DicomDeidentifier(ConfidentialityProfile.standard(),
                new DeidSettings(options, true), SITE, "test")).run(List.of(Samples.root()), dir.resolve("out"), TaskContext.none());
        LeakScanner scanner = new LeakScanner();
        for (Path file : Samples.allFiles()) {
            try {
                scanner.learn(file, true, true);
            } catch (IOException e) {
                // not DICOM: nothing to learn
            }
        }

        List<LeakScanner.Leak> leaks = new ArrayList<>();
        for (DicomDeidentifier.Written w : summary.written()) {
            leaks.addAll(scanner.scan(w.output()));
        }

        assertThat(summary.written()).hasSizeGreaterThan(60);
        assertThat(scanner.size()).isGreaterThan(300);
        assertThat(leaks).isEmpty();
    }
}
