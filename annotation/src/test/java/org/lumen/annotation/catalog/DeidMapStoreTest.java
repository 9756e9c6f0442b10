// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.deid.Pseudonym;
import org.lumen.annotation.deid.RecordingIdentities;

/** The de-identification map in a real catalog file: recorded once, read back, never changed. */
class DeidMapStoreTest {

    @TempDir
    Path dir;

    @Test
    void whatARunReplacedIsRecordedOnceAndLeadsBack() throws Exception {
        RecordingIdentities identities = new RecordingIdentities(new KeyedIdentities("0123456789abcdef-key".getBytes(StandardCharsets.US_ASCII)));
        String newStudy = identities.uid("1.2.840.1.2.3");
        identities.uid("1.2.840.1.2.3");
        identities.uid("1.2.840.1.2.4");
        Pseudonym p = identities.patient("PID-7", "DOE^JANE");
        Path file = dir.resolve("catalog.sqlite");

        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.deidMap().record(identities.uids(), identities.patients())).isEqualTo(3);
            assertThat(catalog.deidMap().record(identities.uids(), identities.patients())).as("a second run adds nothing new").isZero();
            assertThat(catalog.deidMap().originalUid(newStudy)).contains("1.2.840.1.2.3");
            assertThat(catalog.deidMap().patient(p.patientId())).get().satisfies(r -> {
                assertThat(r.originalId()).isEqualTo("PID-7");
                assertThat(r.originalName()).isEqualTo("DOE^JANE");
                assertThat(r.dayShift()).isEqualTo(identities.dayShift("PID-7", "DOE^JANE"));
            });
            assertThat(catalog.deidMap().counts()).containsExactly(2, 1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE deid_uid SET original = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM deid_patient")).hasMessageContaining("append-only");
        }
    }
}
