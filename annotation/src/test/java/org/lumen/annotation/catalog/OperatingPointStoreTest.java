// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatingPointStoreTest {

    @TempDir
    Path dir;

    @Test
    void theLatestChoiceIsInForceEveryChoiceIsKeptAndAudited() throws Exception {
        Path file = dir.resolve("c.sqlite");
        try (Catalog catalog = Catalog.open(file)) {
            catalog.audit().actAs(new AuditUser("rad1", "Dr Rivera"));
            assertThat(catalog.operatingPoints().current("nodules")).isEmpty();
            catalog.operatingPoints().choose(new OperatingPoint.Choice("nodules", "1.0", "ab".repeat(32), 0.62, 1.0, 0.91, "site-2026"));
            catalog.operatingPoints().choose(new OperatingPoint.Choice("nodules", "1.0", "ab".repeat(32), 0.71, 0.5, 0.85, "site-2026"));

            OperatingPoint current = catalog.operatingPoints().current("nodules").orElseThrow();
            assertThat(current.threshold()).isEqualTo(0.71);
            assertThat(current.fpPerScan()).isEqualTo(0.5);
            assertThat(current.chosenBy()).isEqualTo("rad1 (Dr Rivera)");
            assertThat(catalog.operatingPoints().history("nodules")).extracting(OperatingPoint::threshold).containsExactly(0.71, 0.62);
            assertThat(catalog.operatingPoints().current("other")).isEmpty();
            assertThat(catalog.audit().list(new AuditFilter(null, null, null, AuditAction.SETTING_CHANGED, 10))).hasSize(2)
                    .allMatch(e -> e.detail().contains("\"setting\":\"operating point\""));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE operating_point SET threshold = 0")).hasMessageContaining("append-only");
        }
    }
}
