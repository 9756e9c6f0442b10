// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.Samples;

/** {@code lumen deid} and {@code lumen deid check} end to end, as a reader runs them. */
class DeidCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aFolderIsDeidentifiedByPseudonymAndChecksClean() throws Exception {
        PhantomResult chest = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(61).size(Size.of(32, 32, 6))
                .noduleCount(0).build());
        Path out = dir.resolve("out");

        CliRun run = lumen("deid", chest.directory().toString(), "--out", out.toString(), "--option", "retain-longitudinal-modified-dates",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.path("written").asInt()).isEqualTo(6);
        try (Stream<Path> files = Files.walk(out)) {
            // ANON-…/STUDY/SERIES/INSTANCE.dcm: nothing of the original names or folders.
            assertThat(files.filter(Files::isRegularFile)).hasSize(6)
                    .allMatch(f -> out.relativize(f).getNameCount() == 4 && out.relativize(f).getName(0).toString().startsWith("ANON-"));
        }
        assertThat(dir.resolve(".out.partial")).doesNotExist();

        // The catalog knows which original became which; the output does not.
        Path anyOutput;
        try (Stream<Path> files = Files.walk(out)) {
            anyOutput = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        String pseudonym = out.relativize(anyOutput).getName(0).toString();
        String newStudy = out.relativize(anyOutput).getName(1).toString();
        try (org.lumen.annotation.catalog.Catalog catalog = org.lumen.annotation.catalog.Catalog.open(catalogFile())) {
            assertThat(catalog.deidMap().originalUid(newStudy)).contains(chest.studyInstanceUid());
            assertThat(catalog.deidMap().patient(pseudonym)).get().satisfies(p -> assertThat(p.dayShift()).isNegative());
        }

        CliRun check = lumen("deid", "check", out.toString(), "--against", chest.directory().toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).startsWith("no identifying value of the originals was found");
    }

    private static Path catalogFile() {
        return Path.of(System.getenv("LUMEN_HOME")).resolve("catalog.sqlite");
    }

    @Test
    void theCheckFindsLeaksWithoutPrintingTheValues() throws Exception {
        Path original = Samples.file("private_phi/siemens_original_011-0001.img");

        CliRun check = lumen("deid", "check", original.toString(), "--against", original.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("holds the original PatientName").contains("leak(s)");
        assertThat(check.out()).doesNotContainIgnoringCase("Gunny").doesNotContain("SIEMENS^");
    }

    @Test
    void aFolderThatHoldsFilesIsRefusedAndUltrasoundIsHeldBack() throws Exception {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");

        CliRun refused = lumen("deid", Samples.file("us").toString(), "--out", busy.toString());
        CliRun held = lumen("deid", Samples.file("us").toString(), "--out", dir.resolve("us").toString());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("is not empty");
        assertThat(held.exitCode()).isZero();
        assertThat(held.out()).contains("held back").contains("--burned-in-reviewed");

        CliRun masked = lumen("deid", Samples.file("us").toString(), "--out", dir.resolve("us-masked").toString(), "--mask", "0,0,800,40",
                "--json");
        assertThat(masked.exitCode()).as(masked.err()).isZero();
        assertThat(JSON.readTree(masked.out()).path("masked").asInt()).isEqualTo(1);
        assertThat(lumen("deid", Samples.file("us").toString(), "--out", dir.resolve("bad").toString(), "--mask", "0,0,big").err())
                .contains("X,Y,WIDTH,HEIGHT");
    }

    @Test
    void anUnknownOptionIsNamedWithTheChoices() {
        CliRun run = lumen("deid", dir.toString(), "--out", dir.resolve("o").toString(), "--option", "retain-everything");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("'retain-everything' is not a de-identification option").contains("retain-uids");
    }
}
