// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lumen.app.cli.LumenCli;
import org.lumen.app.cli.LumenCommand;
import org.lumen.app.gui.EveryShortcut;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.ui.ViewportTool;

/**
 * README.md, docs/**.md and packaging/README.md name only what the code has: every package, type, method of a
 * Java example and test, path and link, data file, cited decision, {@code lumen} command with its subcommands,
 * options, defaults and choices, key, environment variable and property; the README's module table and
 * architecture.md's package table are complete. A failure lists each stale name with its doc and line: fix the
 * doc (or, if the doc is right, the code). {@code DocReferencesTest} shows each check catching a synthesised drift.
 */
class DocsMatchTheCodeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<MarkdownDoc> DOCS = MarkdownDoc.ofRepository(ROOT);

    static final SourceIndex SOURCES = SourceIndex.of(ROOT);
    static final DocReferences REFERENCES = new DocReferences(ROOT, SOURCES);
    static final CommandReferences COMMANDS = commands();
    static final KeyReferences KEYS = new KeyReferences(EveryShortcut.all(), WindowPresets.keyNames("CT").size());
    static final TableReferences TABLES = new TableReferences(ROOT, SOURCES);

    private static CommandReferences commands() {
        try (LumenCommand lumen = new LumenCommand()) {
            return new CommandReferences(CommandTable.of(LumenCli.commandLine(lumen), ROOT));
        }
    }

    @Test
    void readsEveryDoc() {
        assertThat(DOCS).extracting(MarkdownDoc::name).contains("README.md", "docs/architecture.md", "packaging/README.md",
                "docs/decisions/0037-g1-for-the-workstation.md");
    }

    @Test
    void everyLumenPackageAndTypeNamedExists() {
        assertNoProblems(REFERENCES::qualifiedNames);
    }

    @Test
    void everyClassNamedByItsSimpleNameExists() {
        assertNoProblems(REFERENCES::typeNames);
    }

    @Test
    void theJavaExamplesCallWhatExists() {
        assertNoProblems(REFERENCES::javaExamples);
    }

    @Test
    void everyFileNamedIsOneTheCodeNames() {
        assertNoProblems(REFERENCES::fileNames);
    }

    @Test
    void everyDecisionCitedExists() {
        assertNoProblems(REFERENCES::decisions);
    }

    @Test
    void everyTestClassNamedExists() {
        assertNoProblems(REFERENCES::testClasses);
    }

    @Test
    void everyPathAndLinkExists() {
        assertNoProblems(REFERENCES::paths);
    }

    @Test
    void everyLumenCommandAndOptionNamedIsTheCli() {
        assertNoProblems(COMMANDS::commands);
    }

    @Test
    void everyKeyWithAModifierIsBound() {
        assertNoProblems(KEYS::modifiedKeys);
    }

    @Test
    void theReadmeKeyTableSaysWhatEachKeyIsBoundTo() {
        assertThat(KEYS.keyTable(DOCS.getFirst(), List.of(ViewportTool.values()))).isEmpty();
    }

    @Test
    void theReadmeModuleTableIsThePomsModules() {
        assertThat(TABLES.moduleTable(DOCS.getFirst())).isEmpty();
    }

    @Test
    void theArchitecturePackageTableHasEveryPackage() {
        MarkdownDoc architecture = DOCS.stream().filter(d -> d.name().equals("docs/architecture.md")).findFirst().orElseThrow();
        assertThat(TABLES.packageTable(architecture)).isEmpty();
    }

    @Test
    void everyEnvironmentVariableAndPropertyNamedIsRead() {
        assertNoProblems(REFERENCES::settings);
    }

    private static void assertNoProblems(Function<MarkdownDoc, List<String>> check) {
        assertThat(DOCS.stream().flatMap(doc -> check.apply(doc).stream()).toList()).isEmpty();
    }
}
