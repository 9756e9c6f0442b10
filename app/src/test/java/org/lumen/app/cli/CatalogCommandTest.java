// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.lumen.app.cli.CliRun.lumen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.app.settings.UserDataFolder;

/** {@code lumen catalog import|check|backup} through the real command line, on the shared sample corpus. */
class CatalogCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path samples;

    @TempDir
    Path dir;

    @BeforeAll
    static void findSamples() {
        String property = System.getProperty("lumen.samples");
        assertThat(property).as("system property lumen.samples (set by surefire)").isNotBlank();
        samples = Path.of(property);
        assertThat(samples.resolve("SOURCES.md")).isRegularFile();
    }

    @Test
    void importThenCheckCountsTheCtStudiesWithExactlyTheDocumentedKeys() throws Exception {
        Path catalog = dir.resolve("catalog.sqlite");

        CliRun imported = lumen("catalog", "import", samples.resolve("ct_series").toString(), "--catalog", catalog.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 series, 50 instance(s)").contains(catalog.toString());

        CliRun check = lumen("catalog", "check", "--json", "--catalog", catalog.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        JsonNode root = JSON.readTree(check.out());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("integrity", "studies", "series", "instances", "datasets", "annotations", "revisions",
                "aiRuns", "findings", "decisions");
        assertThat(root.get("integrity").asText()).isEqualTo("ok");
        assertThat(root.get("studies").asInt()).isBetween(1, 2);
        assertThat(root.get("series").asInt()).isEqualTo(2);
        assertThat(root.get("instances").asInt()).isEqualTo(50);
        assertThat(root.get("annotations").asInt()).isZero();

        // Importing again changes nothing.
        assertThat(lumen("catalog", "import", samples.resolve("ct_series").toString(), "--catalog", catalog.toString()).exitCode()).isZero();
        JsonNode again = JSON.readTree(lumen("catalog", "check", "--json", "--catalog", catalog.toString()).out());
        assertThat(again).isEqualTo(root);
    }

    @Test
    void importJsonListsWhatWentInAndTheFilesThatCouldNotBeUsed() throws Exception {
        Path catalog = dir.resolve("catalog.sqlite");

        CliRun imported = lumen("catalog", "import", samples.resolve("mr_series").toString(), "--catalog", catalog.toString(), "--json");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode root = JSON.readTree(imported.out());
        assertThat(root.get("catalog").asText()).isEqualTo(catalog.toString());
        assertThat(root.get("studies").asInt()).isPositive();
        assertThat(root.get("instances").asInt()).isPositive();
        assertThat(root.get("problems").isArray()).isTrue();
    }

    @Test
    void textCheckAndBackupThatOpensWithTheSameCounts() throws Exception {
        Path catalog = dir.resolve("catalog.sqlite");
        Path backup = dir.resolve("backup.sqlite");
        assertThat(lumen("catalog", "import", samples.resolve("ct_series").toString(), "--catalog", catalog.toString()).exitCode()).isZero();

        CliRun text = lumen("catalog", "check", "--catalog", catalog.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("integrity: ok").contains("2 series, 50 instances").contains("schema version 8");

        CliRun backedUp = lumen("catalog", "backup", backup.toString(), "--catalog", catalog.toString());
        assertThat(backedUp.exitCode()).as(backedUp.err()).isZero();
        assertThat(backedUp.out()).startsWith("Backed up the catalog " + catalog + " to " + backup);
        assertThat(JSON.readTree(lumen("catalog", "check", "--json", "--catalog", backup.toString()).out()))
                .isEqualTo(JSON.readTree(lumen("catalog", "check", "--json", "--catalog", catalog.toString()).out()));
    }

    @Test
    void withoutCatalogTheDataFolderOneIsUsed() throws Exception {
        Path expected = UserDataFolder.fromEnvironment().catalog();

        CliRun imported = lumen("catalog", "import", samples.resolve("ct_series").toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains(expected.toString());
        assertThat(expected).isRegularFile();
        CliRun check = lumen("catalog", "check", "--json");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(JSON.readTree(check.out()).get("series").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDamagedCatalogFailsTheCheckWithItsProblem() throws Exception {
        Path catalog = dir.resolve("catalog.sqlite");
        assertThat(lumen("catalog", "import", samples.resolve("ct_series").toString(), "--catalog", catalog.toString()).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog); Statement s = c.createStatement()) {
            s.execute("INSERT INTO instance (sop_instance_uid, series_uid, frames) VALUES ('9.9', 'no.such.series', 1)");
        }

        CliRun check = lumen("catalog", "check", "--json", "--catalog", catalog.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(check.out()).get("integrity").asText()).contains("refers to a missing series row");
        assertThat(check.err()).startsWith("lumen: the catalog " + catalog + " failed its integrity check: ");
    }

    @Test
    void checkNeverTurnsAnEmptyFileIntoACatalog() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.sqlite"));

        CliRun check = lumen("catalog", "check", "--catalog", empty.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("is empty (0 bytes), not a Lumen catalog").doesNotContain("integrity ok");
        assertThat(Files.size(empty)).isZero();
        assertThat(dir.resolve("empty.sqlite-wal")).doesNotExist();
    }

    @Test
    void recoverCopiesADamagedCatalogIntoANewOne() throws Exception {
        Path catalog = dir.resolve("damaged.sqlite");
        assertThat(lumen("catalog", "import", samples.resolve("ct_series").toString(), "--catalog", catalog.toString()).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog); Statement s = c.createStatement()) {
            s.execute("INSERT INTO instance (sop_instance_uid, series_uid, frames) VALUES ('9.9', 'no.such.series', 1)");
        }
        Path recovered = dir.resolve("recovered.sqlite");

        CliRun recover = lumen("catalog", "recover", "--catalog", catalog.toString(), "--out", recovered.toString(), "--json");

        assertThat(recover.exitCode()).as(recover.err()).isZero();
        JsonNode root = JSON.readTree(recover.out());
        assertThat(root.get("copied").asLong()).isPositive();
        assertThat(root.get("lost").asLong()).isZero();
        assertThat(root.get("danglingReferences").asLong()).isEqualTo(1);
        CliRun check = lumen("catalog", "check", "--json", "--catalog", recovered.toString());
        assertThat(JSON.readTree(check.out()).get("instances").asInt()).isEqualTo(51);
    }

    @Test
    void errorsAreOneSentenceOnStderrAndExitOne() throws Exception {
        Path missing = dir.resolve("missing.sqlite");
        CliRun noCatalog = lumen("catalog", "check", "--catalog", missing.toString());
        assertThat(noCatalog.exitCode()).isEqualTo(1);
        assertThat(noCatalog.err().strip()).isEqualTo("lumen: there is no catalog at " + missing);
        assertThat(missing).doesNotExist();

        Path garbage = dir.resolve("garbage.sqlite");
        Files.writeString(garbage, "not a database at all\n".repeat(100));
        CliRun notSqlite = lumen("catalog", "check", "--catalog", garbage.toString());
        assertThat(notSqlite.exitCode()).isEqualTo(1);
        assertThat(notSqlite.err().strip()).isEqualTo("lumen: cannot open the catalog: " + garbage
                + " is not an SQLite database, so not a Lumen catalog");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun nothing = lumen("catalog", "import", empty.toString(), "--catalog", dir.resolve("c.sqlite").toString());
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).startsWith("lumen: nothing to import: no usable DICOM instance under " + empty);

        CliRun noPath = lumen("catalog", "import", dir.resolve("nowhere").toString(), "--catalog", dir.resolve("c.sqlite").toString());
        assertThat(noPath.exitCode()).isEqualTo(1);
        assertThat(noPath.err()).startsWith("lumen: ").contains(dir.resolve("nowhere").toString());

        assertThat(lumen("catalog", "import", samples.resolve("ct_series").toString(), "--catalog", dir.resolve("c.sqlite").toString())
                .exitCode()).isZero();
        Path nowhere = dir.resolve("no/such/folder/backup.sqlite");
        CliRun badBackup = lumen("catalog", "backup", nowhere.toString(), "--catalog", dir.resolve("c.sqlite").toString());
        assertThat(badBackup.exitCode()).isEqualTo(1);
        assertThat(badBackup.err().strip()).isEqualTo("lumen: cannot back up the catalog to " + nowhere + ": the folder "
                + nowhere.getParent() + " does not exist");

        CliRun bare = lumen("catalog");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("Missing subcommand");
    }
}
