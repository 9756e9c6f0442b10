// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.startup;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build baked into {@code org/lumen/app/build.properties} (app's pom writes it at
 * generate-resources): the version, the git commit (with {@code -dirty} when the tree had uncommitted
 * changes) and when it was built. A class path without it (an IDE run) reads as a development build.
 */
public record BuildInfo(String version, String commit, String built) {

    static final String RESOURCE = "/org/lumen/app/build.properties";

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource reads as a development build, like a missing one.
        }
        return new BuildInfo(value(p, "version", "development build"), value(p, "commit", "unknown commit"),
                value(p, "built", null));
    }

    private static String value(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        // An unexpanded placeholder or an empty value (git absent at build time) is no information.
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : v.strip();
    }
}
