// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lumen.io.AtomicFiles;

/**
 * The nodes a reader saved, by name, in a plain JSON file, and their secrets (passwords, tokens) in a
 * separate file only the user can read (0600). Secrets never enter the plain file, and a secrets file
 * that others can read is refused rather than trusted.
 */
public final class NodeStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path nodesFile;
    private final Path secretsFile;

    public NodeStore(Path nodesFile, Path secretsFile) {
        this.nodesFile = nodesFile;
        this.secretsFile = secretsFile;
    }

    public List<PacsNode> nodes() throws IOException {
        List<PacsNode> nodes = new ArrayList<>();
        for (JsonNode n : readNodes()) {
            nodes.add(node(n));
        }
        return nodes;
    }

    public Optional<PacsNode> node(String name) throws IOException {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The node's secret, or {@link Credentials#none()}. */
    public Credentials credentials(String name) throws IOException {
        JsonNode s = readSecrets().path(name);
        if (s.hasNonNull("token")) {
            return Credentials.bearer(s.get("token").asText());
        }
        if (s.hasNonNull("username") && s.hasNonNull("password")) {
            return Credentials.basic(s.get("username").asText(), s.get("password").asText());
        }
        return Credentials.none();
    }

    /** The password of the node's client key store (mutual TLS), or null where none is kept. */
    public char[] clientKeyPassword(String name) throws IOException {
        JsonNode s = readSecrets().path(name);
        return s.hasNonNull("clientKeyPassword") ? s.get("clientKeyPassword").asText().toCharArray() : null;
    }

    /** Saves {@code node} under its name (replacing one of the same name) and its secret, if any. */
    public void save(PacsNode node, Credentials credentials) throws IOException {
        save(node, credentials, null);
    }

    /**
     * Saves {@code node} under its name (replacing one of the same name), its secret, if any, and the password
     * of its client key store, if given; all of the node's earlier secrets are replaced.
     */
    public void save(PacsNode node, Credentials credentials, char[] clientKeyPassword) throws IOException {
        if (node.name().isBlank() || InlineNodes.isInline(node.name())) {
            throw new IllegalArgumentException("a saved node needs a name that is not an address, not '" + node.name() + "'");
        }
        ArrayNode nodes = JSON.createArrayNode();
        for (JsonNode n : readNodes()) {
            if (!n.path("name").asText().equals(node.name())) {
                nodes.add(n);
            }
        }
        nodes.add(json(node));
        ObjectNode root = JSON.createObjectNode();
        root.set("nodes", nodes);
        Files.createDirectories(nodesFile.toAbsolutePath().getParent());
        AtomicFiles.write(nodesFile, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
        ObjectNode secrets = readSecrets();
        secrets.remove(node.name());
        if (credentials.isBasic()) {
            secrets.putObject(node.name()).put("username", credentials.username()).put("password", credentials.password());
        } else if (credentials.isBearer()) {
            secrets.putObject(node.name()).put("token", credentials.token());
        }
        if (clientKeyPassword != null && clientKeyPassword.length > 0) {
            ObjectNode entry = secrets.get(node.name()) instanceof ObjectNode o ? o : secrets.putObject(node.name());
            entry.put("clientKeyPassword", new String(clientKeyPassword));
        }
        writeSecrets(secrets);
    }

    /** Removes the node and its secret; false when there was none of that name. */
    public boolean remove(String name) throws IOException {
        ArrayNode nodes = JSON.createArrayNode();
        boolean found = false;
        for (JsonNode n : readNodes()) {
            if (n.path("name").asText().equals(name)) {
                found = true;
            } else {
                nodes.add(n);
            }
        }
        if (!found) {
            return false;
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("nodes", nodes);
        AtomicFiles.write(nodesFile, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
        ObjectNode secrets = readSecrets();
        if (secrets.remove(name) != null) {
            writeSecrets(secrets);
        }
        return true;
    }

    private ArrayNode readNodes() throws IOException {
        if (!Files.exists(nodesFile)) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode root = JSON.readTree(nodesFile.toFile());
            return root != null && root.get("nodes") instanceof ArrayNode a ? a : JSON.createArrayNode();
        } catch (IOException e) {
            throw new IOException("the saved nodes in " + nodesFile + " cannot be read: " + e.getMessage(), e);
        }
    }

    private ObjectNode readSecrets() throws IOException {
        if (!Files.exists(secretsFile)) {
            return JSON.createObjectNode();
        }
        if (secretsFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(secretsFile);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IOException("the secrets file " + secretsFile + " can be read by other users; make it yours only (chmod 600 "
                        + secretsFile + ") before Lumen uses it");
            }
        }
        JsonNode root = JSON.readTree(secretsFile.toFile());
        return root instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    private void writeSecrets(ObjectNode secrets) throws IOException {
        Files.createDirectories(secretsFile.toAbsolutePath().getParent());
        AtomicFiles.writeOwnerOnly(secretsFile, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, secrets));
    }

    private static ObjectNode json(PacsNode node) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", node.name());
        n.put("protocol", node.protocol().name());
        if (node.protocol() == PacsNode.Protocol.DIMSE) {
            n.put("calledAet", node.calledAet());
            n.put("callingAet", node.callingAet());
            n.put("host", node.host());
            n.put("port", node.port());
            n.put("tls", node.tls());
        } else {
            n.put("baseUrl", node.baseUrl().toString());
            n.put("auth", node.auth().name());
        }
        if (node.trustStore() != null) {
            n.put("trustStore", node.trustStore().toString());
        }
        if (node.clientKeys() != null) {
            n.put("clientKeys", node.clientKeys().toString());
        }
        return n;
    }

    private PacsNode node(JsonNode n) throws IOException {
        try {
            String name = n.path("name").asText();
            Path trustStore = n.hasNonNull("trustStore") ? Path.of(n.get("trustStore").asText()) : null;
            Path clientKeys = n.hasNonNull("clientKeys") ? Path.of(n.get("clientKeys").asText()) : null;
            if (PacsNode.Protocol.valueOf(n.path("protocol").asText()) == PacsNode.Protocol.DIMSE) {
                return new PacsNode(name, PacsNode.Protocol.DIMSE, n.path("calledAet").asText(),
                        n.path("callingAet").asText(PacsNode.DEFAULT_CALLING_AET), n.path("host").asText(), n.path("port").asInt(),
                        n.path("tls").asBoolean(), null, PacsNode.Auth.NONE, trustStore, clientKeys);
            }
            return new PacsNode(name, PacsNode.Protocol.DICOMWEB, null, null, null, 0, false, URI.create(n.path("baseUrl").asText()),
                    PacsNode.Auth.valueOf(n.path("auth").asText("NONE")), trustStore, clientKeys);
        } catch (IllegalArgumentException e) {
            throw new IOException("a saved node in " + nodesFile + " is not valid (" + e.getMessage() + "): fix or remove it", e);
        }
    }
}
