// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lumen.annotation.catalog.AuditUser;
import org.lumen.io.AtomicFiles;

/**
 * Who uses this workstation, as the audit trail names them: the operating-system account (always known) and the
 * display name the user sets once ({@code lumen user --name}; the {@code user} section of {@code settings.json}).
 */
public record UserIdentity(String displayName) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 64;

    public UserIdentity {
        if (displayName != null) {
            displayName = displayName.strip();
            if (displayName.isEmpty()) {
                displayName = null;
            } else if (displayName.length() > MAX_LENGTH || displayName.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a display name is up to " + MAX_LENGTH + " printable characters, not '" + displayName + "'");
            }
        }
    }

    /** The account of this process with the display name, for the catalog's audit trail. */
    public AuditUser auditUser() {
        return AuditUser.ofThisProcess().withDisplayName(displayName);
    }

    /** The identity in {@code file}; no display name where the file or the section is absent. */
    public static UserIdentity read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new UserIdentity(null);
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile()).path("user");
        } catch (IOException e) {
            throw new IOException("the settings file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return new UserIdentity(n.hasNonNull("displayName") ? n.get("displayName").asText() : null);
        } catch (IllegalArgumentException e) {
            throw new IOException("the user settings in " + file + " are not valid: " + e.getMessage(), e);
        }
    }

    /** Writes this section into {@code file} atomically, keeping the file's other sections. */
    public void write(Path file) throws IOException {
        ObjectNode root = Files.exists(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o ? o : JSON.createObjectNode();
        ObjectNode user = root.putObject("user");
        if (displayName != null) {
            user.put("displayName", displayName);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }
}
