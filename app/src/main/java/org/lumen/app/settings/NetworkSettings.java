// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lumen.io.AtomicFiles;
import org.lumen.network.node.AeTitles;

/**
 * The workstation's network settings, kept in the {@code "network"} section of {@code settings.json}:
 * whether the storage receiver runs while the window is open, its AE title and port, and the size
 * the offline cache may grow to before the least recently opened unpinned studies are evicted.
 * Other sections of the file are kept as they are when this one is saved.
 */
public record NetworkSettings(boolean receiverEnabled, String receiverAet, int receiverPort, long cacheLimitBytes) {

    public static final String DEFAULT_AET = "LUMEN";
    public static final int DEFAULT_PORT = 11112;
    public static final long DEFAULT_CACHE_LIMIT = 20L * 1024 * 1024 * 1024;
    public static final NetworkSettings DEFAULTS = new NetworkSettings(false, DEFAULT_AET, DEFAULT_PORT, DEFAULT_CACHE_LIMIT);

    private static final ObjectMapper JSON = new ObjectMapper();

    public NetworkSettings {
        AeTitles.check(receiverAet, "receiver's AE title");
        if (receiverPort < 1 || receiverPort > 65535) {
            throw new IllegalArgumentException("the receiver's port must be 1 to 65535, not " + receiverPort);
        }
        if (cacheLimitBytes < 0) {
            throw new IllegalArgumentException("the cache limit cannot be negative");
        }
    }

    public NetworkSettings withReceiver(boolean enabled, String aet, int port) {
        return new NetworkSettings(enabled, aet, port, cacheLimitBytes);
    }

    public NetworkSettings withCacheLimit(long bytes) {
        return new NetworkSettings(receiverEnabled, receiverAet, receiverPort, bytes);
    }

    /** The settings in {@code file}, or the defaults where the file or the section is absent. */
    public static NetworkSettings read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return DEFAULTS;
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile()).path("network");
        } catch (IOException e) {
            throw new IOException("the settings file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return new NetworkSettings(n.path("receiverEnabled").asBoolean(DEFAULTS.receiverEnabled),
                    n.path("receiverAet").asText(DEFAULT_AET), n.path("receiverPort").asInt(DEFAULT_PORT),
                    n.path("cacheLimitBytes").asLong(DEFAULT_CACHE_LIMIT));
        } catch (IllegalArgumentException e) {
            throw new IOException("the network settings in " + file + " are not valid: " + e.getMessage(), e);
        }
    }

    /** Writes this section into {@code file} atomically, keeping the file's other sections. */
    public void write(Path file) throws IOException {
        ObjectNode root = Files.exists(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o ? o : JSON.createObjectNode();
        root.putObject("network")
                .put("receiverEnabled", receiverEnabled)
                .put("receiverAet", receiverAet)
                .put("receiverPort", receiverPort)
                .put("cacheLimitBytes", cacheLimitBytes);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }
}
