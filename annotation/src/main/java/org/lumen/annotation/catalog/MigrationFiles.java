// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a catalog is already at this build's schema, answered without Flyway: the migration
 * versions this build carries (the {@code V<n>__*.sql} names in {@code db/catalog}, read from the jar
 * or folder they are in) against the schema history's rows. Anything but an exact match (a missing,
 * failed, skipped or newer version) is left to Flyway and {@link SchemaMigrator}'s checks and sentences.
 */
final class MigrationFiles {

    private static final String FOLDER = "db/catalog/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[^/]*\\.sql");

    private MigrationFiles() { }

    /** The schema version when the file holds exactly versions 1..latest, all successful; 0 otherwise. */
    static int upToDate(Connection connection) {
        List<Integer> versions = versions();
        int latest = versions.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (latest == 0 || versions.size() != latest) {
            return 0; // gaps in this build's own numbering: let Flyway say what it thinks
        }
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + SchemaMigrator.HISTORY_TABLE + "'")) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT version), min(CAST(version AS INTEGER)),"
                    + " max(CAST(version AS INTEGER)), sum(CASE WHEN success = 1 THEN 0 ELSE 1 END) FROM "
                    + SchemaMigrator.HISTORY_TABLE + " WHERE version IS NOT NULL")) {
                if (rs.next() && rs.getInt(1) == latest && rs.getInt(2) == latest && rs.getInt(3) == 1 && rs.getInt(4) == latest
                        && rs.getInt(5) == 0) {
                    return latest;
                }
                return 0;
            }
        } catch (SQLException e) {
            return 0; // Flyway's path reads the same table and reports the problem with its sentence
        }
    }

    /** The versions of the migration files on the class path, from the jar or folder that holds V1. */
    static List<Integer> versions() {
        URL first = MigrationFiles.class.getClassLoader().getResource(FOLDER + "V1__catalog.sql");
        if (first == null) {
            return List.of();
        }
        List<Integer> versions = new ArrayList<>();
        try {
            String url = first.toString();
            if (url.startsWith("jar:file:")) {
                Path jar = Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
                try (JarFile file = new JarFile(jar.toFile())) {
                    for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(FOLDER)) {
                            add(versions, name.substring(FOLDER.length()));
                        }
                    }
                }
            } else if (url.startsWith("file:")) {
                try (Stream<Path> files = Files.list(Path.of(first.toURI()).getParent())) {
                    files.forEach(f -> add(versions, f.getFileName().toString()));
                }
            } else {
                return List.of(); // another class loader's URL: Flyway knows how to scan it
            }
        } catch (IOException | URISyntaxException | UncheckedIOException | IllegalArgumentException e) {
            return List.of();
        }
        return versions;
    }

    private static void add(List<Integer> versions, String name) {
        Matcher m = NAME.matcher(name);
        if (m.matches()) {
            versions.add(Integer.parseInt(m.group(1)));
        }
    }
}
