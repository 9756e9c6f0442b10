// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkSettingsTest {

    @TempDir
    Path dir;

    @Test
    void absentFileGivesTheDefaults() throws IOException {
        assertThat(NetworkSettings.read(dir.resolve("settings.json"))).isEqualTo(NetworkSettings.DEFAULTS);
        assertThat(NetworkSettings.DEFAULTS.receiverEnabled()).isFalse();
        assertThat(NetworkSettings.DEFAULTS.receiverAet()).isEqualTo("LUMEN");
    }

    @Test
    void writtenSettingsReadBackAndOtherSectionsAreKept() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"viewer\":{\"theme\":\"dark\"}}");
        NetworkSettings s = NetworkSettings.DEFAULTS.withReceiver(true, "LUMEN_RX", 4006).withCacheLimit(5_000_000_000L);
        s.write(file);
        assertThat(NetworkSettings.read(file)).isEqualTo(s);
        assertThat(Files.readString(file)).contains("\"theme\" : \"dark\"");
    }

    @Test
    void invalidValuesAreRefusedWithTheFileNamed() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"network\":{\"receiverPort\":70000}}");
        assertThatThrownBy(() -> NetworkSettings.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("65535");
        assertThatThrownBy(() -> NetworkSettings.DEFAULTS.withReceiver(true, "A\\B", 104))
                .hasMessageContaining("AE title");
    }
}
