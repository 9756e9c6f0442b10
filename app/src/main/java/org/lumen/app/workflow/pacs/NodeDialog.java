// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import org.lumen.app.workflow.Stylesheet;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.network.ArchiveSearches;
import org.lumen.network.Timeouts;
import org.lumen.network.node.AeTitles;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * Adds or edits a saved PACS node: its name and, by protocol, the DIMSE fields (called and calling AE
 * title, host, port, TLS) or the DICOMweb ones (base URL; authentication none, HTTP Basic with user
 * and password, or a Bearer token). What is wrong is said in one sentence before anything is saved.
 * Verify asks the node as the fields stand (C-ECHO or the smallest QIDO-RS search), off the FX thread.
 * Secrets go to the owner-only secrets file through {@link NodeStore}; a stored one is never shown
 * back: its field says "stored", and left blank it is kept.
 */
public final class NodeDialog {

    private static final String DIMSE = "DIMSE (C-FIND, C-GET, C-STORE)";
    private static final String DICOMWEB = "DICOMweb (QIDO-RS, WADO-RS, STOW-RS)";
    private static final String AUTH_NONE = "None";
    private static final String AUTH_BASIC = "HTTP Basic (user and password)";
    private static final String AUTH_BEARER = "Bearer token";

    private final Stage stage = new Stage();
    private final NodeStore store;
    private final FxTaskRunner tasks;
    private final PacsNode editing;
    private final Credentials storedSecret;
    private final Consumer<PacsNode> onSaved;
    private final TextField name = new TextField();
    private final ChoiceBox<String> protocol = new ChoiceBox<>();
    private final TextField calledAet = new TextField();
    private final TextField callingAet = new TextField(PacsNode.DEFAULT_CALLING_AET);
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final CheckBox tls = new CheckBox("TLS (the archive's certificate and host name checked)");
    private final TextField trustStore = new TextField();
    private final TextField baseUrl = new TextField();
    private final ChoiceBox<String> auth = new ChoiceBox<>();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField token = new PasswordField();
    private final Label problem = new Label();
    private final Label verified = new Label();
    private final Button verify = new Button("Verify");
    private final Button save = new Button("Save");
    private final Button cancel = new Button("Cancel");
    private final GridPane dimseFields = grid();
    private final GridPane webFields = grid();
    private final GridPane tlsFields = grid();

    /**
     * @param editing the saved node to change, or null for a new one
     * @param onSaved told of the node once it is saved (on the FX thread)
     */
    public NodeDialog(Window owner, NodeStore store, FxTaskRunner tasks, PacsNode editing, Consumer<PacsNode> onSaved) {
        this.store = store;
        this.tasks = tasks;
        this.editing = editing;
        this.onSaved = onSaved;
        this.storedSecret = secretOf(editing);
        protocol.getItems().addAll(DIMSE, DICOMWEB);
        auth.getItems().addAll(AUTH_NONE, AUTH_BASIC, AUTH_BEARER);
        protocol.setValue(DIMSE);
        auth.setValue(AUTH_NONE);
        name.setPromptText("what you call it, e.g. main PACS");
        calledAet.setPromptText("the archive's AE title, e.g. ORTHANC");
        callingAet.setPromptText("Lumen's AE title");
        host.setPromptText("pacs.hospital.local or 10.0.0.5");
        port.setPromptText("104, 4242, 11112 …");
        port.setPrefColumnCount(6);
        baseUrl.setPromptText("http://pacs.local:8042/dicom-web");
        user.setPromptText("user name");
        password.setPromptText("password");
        token.setPromptText("token");
        trustStore.setPromptText("the platform's; or a PEM / PKCS#12 file of the site's CA");
        if (editing != null) {
            fill(editing);
        }

        row(dimseFields, 0, "Called AE title", calledAet);
        row(dimseFields, 1, "Calling AE title", callingAet);
        row(dimseFields, 2, "Host", host);
        row(dimseFields, 3, "Port", port);
        dimseFields.add(tls, 1, 4);
        row(webFields, 0, "Base URL", baseUrl);
        row(webFields, 1, "Authentication", auth);
        row(webFields, 2, "User", user);
        row(webFields, 3, "Password", password);
        row(webFields, 4, "Token", token);
        row(tlsFields, 0, "Trust store", trustStore);
        // A trust store only means something over TLS: DIMSE with TLS ticked, or an https:// base URL.
        trustStore.disableProperty().bind(protocol.valueProperty().isEqualTo(DIMSE).and(tls.selectedProperty().not())
                .or(protocol.valueProperty().isEqualTo(DICOMWEB).and(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> !baseUrl.getText().strip().toLowerCase(Locale.ROOT).startsWith("https://"), baseUrl.textProperty()))));
        GridPane common = grid();
        row(common, 0, "Name", name);
        row(common, 1, "Protocol", protocol);
        protocol.valueProperty().addListener((o, old, p) -> showProtocol());
        auth.valueProperty().addListener((o, old, a) -> showAuth());
        showProtocol();
        showAuth();

        problem.getStyleClass().add("dialog-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        verified.getStyleClass().add("dialog-note");
        verified.setWrapText(true);
        verified.setMinHeight(Region.USE_PREF_SIZE);
        // An empty note takes no room: the buttons sit under the fields until there is something to say.
        for (Label l : List.of(problem, verified)) {
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.textProperty().addListener((o, old, t) -> stage.sizeToScene());
        }
        verify.setOnAction(e -> verify());
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, verify, gap, save, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(10, common, dimseFields, webFields, tlsFields, verified, problem, buttons);
        root.setPadding(new Insets(14));
        root.getStyleClass().add("node-dialog");
        root.setPrefWidth(540);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle(editing == null ? "Add a PACS node" : "Edit node " + editing.name());
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
    }

    public void show() {
        stage.show();
        stage.sizeToScene();
        stage.toFront();
    }

    public Stage stage() { return stage; }

    public Label problemLabel() { return problem; }

    public Label verifiedLabel() { return verified; }

    /** For tests and scripts: a DIMSE node's fields as a reader would type them. */
    public void fillDimse(String nodeName, String called, String calling, String hostName, String portText, boolean useTls) {
        name.setText(nodeName);
        protocol.setValue(DIMSE);
        calledAet.setText(called);
        callingAet.setText(calling);
        host.setText(hostName);
        port.setText(portText);
        tls.setSelected(useTls);
    }

    /** For tests and scripts: a DICOMweb node's fields; {@code authentication} NONE, BASIC or BEARER. */
    public void fillDicomWeb(String nodeName, String url, PacsNode.Auth authentication, String userName, String secret) {
        name.setText(nodeName);
        protocol.setValue(DICOMWEB);
        baseUrl.setText(url);
        auth.setValue(switch (authentication) {
            case NONE -> AUTH_NONE;
            case BASIC -> AUTH_BASIC;
            case BEARER -> AUTH_BEARER;
        });
        user.setText(userName == null ? "" : userName);
        password.setText(authentication == PacsNode.Auth.BASIC && secret != null ? secret : "");
        token.setText(authentication == PacsNode.Auth.BEARER && secret != null ? secret : "");
    }

    /** What the password or token field shows of a stored secret: only that there is one. */
    public String secretPrompt() {
        return auth.getValue().equals(AUTH_BEARER) ? token.getPromptText() : password.getPromptText();
    }

    /** What the password or token field holds now: empty until the reader types a new secret. */
    public String secretText() {
        return auth.getValue().equals(AUTH_BEARER) ? token.getText() : password.getText();
    }

    /** Asks the node as the fields stand: the round trip in ms, or the network's sentence. */
    public void verify() {
        PacsNode node;
        Credentials credentials;
        try {
            node = node();
            credentials = credentials(node);
        } catch (IllegalArgumentException e) {
            problem.setText(sentence(e.getMessage()));
            return;
        }
        problem.setText("");
        verified.setText("Verifying " + node.describe() + "…");
        verify.setDisable(true);
        String what = node.protocol() == PacsNode.Protocol.DIMSE ? "C-ECHO" : "a QIDO-RS search";
        tasks.submit(BackgroundTask.of("Verifying " + node.describe(), task -> {
            char[] clientKeyPassword = editing == null ? null : store.clientKeyPassword(editing.name());
            try (ArchiveSearch archive = ArchiveSearches.of(node, credentials, Timeouts.DEFAULT,
                    org.lumen.network.node.TrustStores.forNode(node, clientKeyPassword))) {
                return archive.verify(task);
            }
        }), millis -> {
            verify.setDisable(false);
            verified.setText(node.describe() + " answered " + what + " in " + millis + " ms.");
        }, failure -> {
            verify.setDisable(false);
            verified.setText(failure);
        });
    }

    /** Checks the fields and saves the node (and its secret) off the FX thread; the dialog closes once it is saved. */
    public void save() {
        PacsNode node;
        Credentials credentials;
        try {
            node = node();
            credentials = credentials(node);
            checkNameFree(node.name());
        } catch (IllegalArgumentException e) {
            problem.setText(sentence(e.getMessage()));
            return;
        } catch (IOException e) {
            problem.setText("The saved nodes cannot be read: " + e.getMessage());
            return;
        }
        problem.setText("");
        save.setDisable(true);
        String previous = editing == null ? null : editing.name();
        tasks.submit(BackgroundTask.of("Saving node " + node.name(), task -> {
            // The client key store's password is kept across an edit (and a rename) like the other secrets.
            char[] clientKeyPassword = previous == null ? null : store.clientKeyPassword(previous);
            if (previous != null && !previous.equals(node.name())) {
                store.remove(previous);
            }
            store.save(node, credentials, clientKeyPassword);
            return node;
        }), saved -> {
            stage.close();
            onSaved.accept(saved);
        }, failure -> {
            save.setDisable(false);
            problem.setText(failure);
        });
    }

    /**
     * The node the fields describe, or the sentence that says what is wrong. Over TLS it gets the trust store
     * the field names (none: the platform's); an edited node keeps its client key store (set with
     * lumen pacs add --client-key-store).
     */
    public PacsNode node() {
        PacsNode fromFields = nodeFromFields();
        boolean usesTls = fromFields.protocol() == PacsNode.Protocol.DIMSE ? fromFields.tls()
                : "https".equalsIgnoreCase(fromFields.baseUrl().getScheme());
        if (!usesTls) {
            return fromFields;
        }
        String file = trustStore.getText().strip();
        PacsNode node = fromFields.withTrustStore(file.isEmpty() ? null : java.nio.file.Path.of(file));
        return editing != null && editing.protocol() == node.protocol() ? node.withClientKeys(editing.clientKeys()) : node;
    }

    /** For tests and scripts: the trust store field as a reader would type it. */
    public void fillTrustStore(String file) {
        trustStore.setText(file);
    }

    private PacsNode nodeFromFields() {
        String n = name.getText().strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("the node needs a name");
        }
        if (InlineNodes.isInline(n)) {
            throw new IllegalArgumentException("a node's name cannot be an address; give it a name such as 'main PACS'");
        }
        if (protocol.getValue().equals(DIMSE)) {
            AeTitles.check(calledAet.getText().strip(), "called AE title");
            AeTitles.check(callingAet.getText().strip(), "calling AE title");
            String portText = port.getText().strip();
            if (!portText.matches("\\d{1,5}")) {
                throw new IllegalArgumentException(portText.isEmpty() ? "the port is empty" : "the port '" + portText + "' is not a number");
            }
            return new PacsNode(n, PacsNode.Protocol.DIMSE, calledAet.getText().strip(), callingAet.getText().strip(), host.getText().strip(),
                    Integer.parseInt(portText), tls.isSelected(), null, PacsNode.Auth.NONE);
        }
        String url = baseUrl.getText().strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException(url.isEmpty() ? "the base URL is empty (e.g. http://pacs.local:8042/dicom-web)"
                    : "the base URL must start with http:// or https:// (e.g. http://pacs.local:8042/dicom-web)");
        }
        // The command line's parser checks the address, and refuses credentials written into it without repeating them.
        URI base = InlineNodes.parse("dicomweb+" + url).baseUrl();
        return new PacsNode(n, PacsNode.Protocol.DICOMWEB, null, null, null, 0, false, base, authChosen());
    }

    /** The secret the fields give, or the stored one where they are left blank. */
    private Credentials credentials(PacsNode node) {
        return switch (node.auth()) {
            case NONE -> Credentials.none();
            case BASIC -> {
                String u = user.getText().strip();
                if (u.isEmpty()) {
                    throw new IllegalArgumentException("HTTP Basic authentication needs a user name");
                }
                if (!password.getText().isEmpty()) {
                    yield Credentials.basic(u, password.getText());
                }
                if (storedSecret.isBasic()) {
                    yield Credentials.basic(u, storedSecret.password());
                }
                throw new IllegalArgumentException("HTTP Basic authentication needs a password");
            }
            case BEARER -> {
                if (!token.getText().isBlank()) {
                    yield Credentials.bearer(token.getText().strip());
                }
                if (storedSecret.isBearer()) {
                    yield storedSecret;
                }
                throw new IllegalArgumentException("Bearer authentication needs a token");
            }
        };
    }

    private void checkNameFree(String n) throws IOException {
        boolean renamedOrNew = editing == null || !editing.name().equals(n);
        if (renamedOrNew && store.node(n).isPresent()) {
            throw new IllegalArgumentException("a node named '" + n + "' is saved already; choose another name or edit that one");
        }
    }

    private PacsNode.Auth authChosen() {
        return switch (auth.getValue()) {
            case AUTH_BASIC -> PacsNode.Auth.BASIC;
            case AUTH_BEARER -> PacsNode.Auth.BEARER;
            default -> PacsNode.Auth.NONE;
        };
    }

    private void fill(PacsNode n) {
        name.setText(n.name());
        trustStore.setText(n.trustStore() == null ? "" : n.trustStore().toString());
        if (n.protocol() == PacsNode.Protocol.DIMSE) {
            protocol.setValue(DIMSE);
            calledAet.setText(n.calledAet());
            callingAet.setText(n.callingAet());
            host.setText(n.host());
            port.setText(Integer.toString(n.port()));
            tls.setSelected(n.tls());
        } else {
            protocol.setValue(DICOMWEB);
            baseUrl.setText(n.baseUrl().toString());
            auth.setValue(switch (n.auth()) {
                case NONE -> AUTH_NONE;
                case BASIC -> AUTH_BASIC;
                case BEARER -> AUTH_BEARER;
            });
            if (storedSecret.isBasic()) {
                user.setText(storedSecret.username());
                password.setPromptText("stored (leave blank to keep)");
            }
            if (storedSecret.isBearer()) {
                token.setPromptText("stored (leave blank to keep)");
            }
        }
    }

    private Credentials secretOf(PacsNode n) {
        if (n == null || n.protocol() != PacsNode.Protocol.DICOMWEB) {
            return Credentials.none();
        }
        try {
            return store.credentials(n.name());
        } catch (IOException e) {
            problem.setText("The stored secret cannot be read: " + e.getMessage());
            return Credentials.none();
        }
    }

    private void showProtocol() {
        boolean dimse = protocol.getValue().equals(DIMSE);
        show(dimseFields, dimse);
        show(webFields, !dimse);
        verified.setText("");
        stage.sizeToScene();
    }

    private void showAuth() {
        String a = auth.getValue();
        for (Node n : List.<Node>of(user, password)) {
            n.setDisable(!a.equals(AUTH_BASIC));
        }
        token.setDisable(!a.equals(AUTH_BEARER));
    }

    private static void show(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    /** "the port is empty" as "The port is empty." */
    private static String sentence(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints(120);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }

    private static void row(GridPane g, int r, String label, Node field) {
        if (field instanceof javafx.scene.control.Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
        g.addRow(r, new Label(label), field);
    }
}
