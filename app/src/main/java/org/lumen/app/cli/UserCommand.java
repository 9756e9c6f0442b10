// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.AuditUser;
import org.lumen.app.settings.UserIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen user [--name NAME] [--json]}: who the audit trail says acts on this workstation — the
 * operating-system account, and the display name set once with {@code --name} (kept in settings.json).
 */
@Command(name = "user", description = "Show, or set once with --name, the name the audit trail gives this workstation's user.")
final class UserCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Option(names = "--name", paramLabel = "NAME", description = "Your name as audit entries should show it (\"\" removes it).")
    private String name;

    @Option(names = "--json", description = "Machine-readable: account, displayName.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Path settings = lumen.dataFolder().settingsFile();
        UserIdentity identity = UserIdentity.read(settings);
        if (name != null) {
            identity = new UserIdentity(name);
            identity.write(settings);
        }
        AuditUser user = identity.auditUser();
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("account", user.account());
            node.put("displayName", user.displayName());
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.println(user.displayName() == null
                    ? "account " + user.account() + ", no display name (set one with: lumen user --name \"Your Name\")"
                    : user.displayName() + " (account " + user.account() + ")");
        }
        out.flush();
        return 0;
    }
}
