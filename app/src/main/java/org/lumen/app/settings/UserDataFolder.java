// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Lumen keeps settings, catalog, cache, models, logs and the demo study. It follows the
 * platform's convention (XDG on Linux, Application Support on macOS, %APPDATA% on Windows), and the
 * environment variable {@code LUMEN_HOME} replaces it as a whole so tests and scripts run isolated.
 */
public record UserDataFolder(Path root) {

    public static final String ENVIRONMENT_VARIABLE = "LUMEN_HOME";

    public static UserDataFolder fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The folder for an environment, OS name and home folder (separate from the process for tests). */
    static UserDataFolder resolve(Map<String, String> env, String osName, Path home) {
        String override = env.get(ENVIRONMENT_VARIABLE);
        if (override != null && !override.isBlank()) {
            return new UserDataFolder(Path.of(override).toAbsolutePath());
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return new UserDataFolder((appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Lumen"));
        }
        if (os.contains("mac")) {
            return new UserDataFolder(home.resolve("Library/Application Support/Lumen"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        return new UserDataFolder((xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("lumen"));
    }

    public Path logs() { return root.resolve("logs"); }

    public Path cache() { return root.resolve("cache"); }

    /** Where archives (zip) are extracted before indexing. */
    public Path extracted() { return cache().resolve("extracted"); }

    public Path models() { return root.resolve("models"); }

    public Path demo() { return root.resolve("demo"); }

    public Path settingsFile() { return root.resolve("settings.json"); }

    public Path catalog() { return root.resolve("catalog.sqlite"); }

    /** The PACS nodes the reader saved (no secrets in it). */
    public Path pacsNodes() { return root.resolve("pacs-nodes.json"); }

    /** Passwords and tokens of saved nodes: readable by the user only (0600). */
    public Path secrets() { return root.resolve("secrets.json"); }

    /** The site's secret key for de-identification (same originals → same UIDs and pseudonyms): readable by the user only. */
    public Path deidKey() { return root.resolve("deid-key"); }

    /** Studies retrieved from archives, by Study Instance UID, for reading offline. */
    public Path pacsCache() { return cache().resolve("pacs"); }

    /** Creates the folder if needed, with a sentence that says why when it cannot be. */
    public UserDataFolder ensureExists() throws IOException {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IOException("cannot create the Lumen data folder " + root + " (set " + ENVIRONMENT_VARIABLE
                    + " to a writable folder): " + e.getMessage(), e);
        }
        return this;
    }
}
