// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataFolderTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void lumenHomeWinsOnEveryPlatform() {
        Map<String, String> env = Map.of("LUMEN_HOME", "/data/lumen-test", "XDG_DATA_HOME", "/xdg",
                "APPDATA", "C:\\Users\\ada\\AppData\\Roaming");
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 11"}) {
            assertThat(UserDataFolder.resolve(env, os, HOME).root()).as(os).isEqualTo(Path.of("/data/lumen-test"));
        }
    }

    @Test
    void relativeLumenHomeIsMadeAbsolute() {
        Path root = UserDataFolder.resolve(Map.of("LUMEN_HOME", "relative/lumen"), "Linux", HOME).root();
        assertThat(root.isAbsolute()).isTrue();
        assertThat(root).isEqualTo(Path.of("relative/lumen").toAbsolutePath());
    }

    @Test
    void blankLumenHomeIsIgnored() {
        assertThat(UserDataFolder.resolve(Map.of("LUMEN_HOME", "  "), "Linux", HOME).root())
                .isEqualTo(HOME.resolve(".local/share/lumen"));
    }

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(UserDataFolder.resolve(Map.of("XDG_DATA_HOME", "/srv/xdg"), "Linux", HOME).root())
                .isEqualTo(Path.of("/srv/xdg/lumen"));
    }

    @Test
    void linuxFallsBackToLocalShare() {
        assertThat(UserDataFolder.resolve(Map.of(), "Linux", HOME).root()).isEqualTo(Path.of("/home/ada/.local/share/lumen"));
        assertThat(UserDataFolder.resolve(Map.of("XDG_DATA_HOME", ""), "Linux", HOME).root())
                .isEqualTo(Path.of("/home/ada/.local/share/lumen"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(UserDataFolder.resolve(Map.of("XDG_DATA_HOME", "/srv/xdg"), "Mac OS X", Path.of("/Users/ada")).root())
                .isEqualTo(Path.of("/Users/ada/Library/Application Support/Lumen"));
    }

    @Test
    void windowsUsesAppData() {
        // Path is the host's: on Linux "C:\...\Roaming" is one name, and Lumen is resolved under it.
        String appData = "C:\\Users\\ada\\AppData\\Roaming";
        Path root = UserDataFolder.resolve(Map.of("APPDATA", appData), "Windows 11", HOME).root();
        assertThat(root).isEqualTo(Path.of(appData).resolve("Lumen"));
        assertThat(root.getFileName()).hasToString("Lumen");
    }

    @Test
    void windowsWithoutAppDataUsesRoamingUnderHome() {
        assertThat(UserDataFolder.resolve(Map.of(), "Windows 10", HOME).root())
                .isEqualTo(HOME.resolve("AppData/Roaming/Lumen"));
    }

    @Test
    void subfoldersLiveUnderTheRoot() {
        UserDataFolder folder = new UserDataFolder(Path.of("/data/lumen"));
        assertThat(folder.logs()).isEqualTo(Path.of("/data/lumen/logs"));
        assertThat(folder.cache()).isEqualTo(Path.of("/data/lumen/cache"));
        assertThat(folder.extracted()).isEqualTo(Path.of("/data/lumen/cache/extracted"));
        assertThat(folder.models()).isEqualTo(Path.of("/data/lumen/models"));
        assertThat(folder.settingsFile()).isEqualTo(Path.of("/data/lumen/settings.json"));
        assertThat(folder.catalog()).isEqualTo(Path.of("/data/lumen/catalog.sqlite"));
    }

    @Test
    void ensureExistsCreatesTheFolder(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("a/b/lumen");
        assertThat(new UserDataFolder(root).ensureExists().root()).isEqualTo(root);
        assertThat(root).isDirectory();
    }

    @Test
    void ensureExistsNamesTheFolderAndTheVariableWhenItCannot(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path root = file.resolve("lumen");
        assertThat(catchThrowable(() -> new UserDataFolder(root).ensureExists()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("LUMEN_HOME");
    }
}
