// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.lumen.app.settings.UserDataFolder;

/** {@code lumen user}: the display name set once, kept in settings.json beside the other sections. */
class UserCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theNameIsSetOnceKeptAndShown() throws Exception {
        var settings = UserDataFolder.fromEnvironment().settingsFile();
        String before = Files.exists(settings) ? Files.readString(settings) : null;
        try {
            CliRun set = lumen("user", "--name", "  Dr Ana Rivera ");
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains("Dr Ana Rivera (account " + System.getProperty("user.name") + ")");
            JsonNode shown = JSON.readTree(lumen("user", "--json").out());
            assertThat(shown.path("displayName").asText()).isEqualTo("Dr Ana Rivera");
            assertThat(shown.path("account").asText()).isEqualTo(System.getProperty("user.name"));
            assertThat(JSON.readTree(settings.toFile()).path("user").path("displayName").asText()).isEqualTo("Dr Ana Rivera");

            CliRun bad = lumen("user", "--name", "x".repeat(65));
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err()).contains("a display name is up to 64 printable characters");
        } finally {
            if (before == null) {
                Files.deleteIfExists(settings);
            } else {
                Files.writeString(settings, before);
            }
        }
    }

    private static CliRun lumen(String... args) {
        return CliRun.lumen(args);
    }
}
