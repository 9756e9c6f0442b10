// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.ui.ViewportTool;

/** The doc checks find drift: each synthesised stale name is reported, and the same doc written right is not. */
class DocReferencesTest {

    private static final DocReferences REFERENCES = DocsMatchTheCodeTest.REFERENCES;
    private static final CommandReferences COMMANDS = DocsMatchTheCodeTest.COMMANDS;
    private static final KeyReferences KEYS = DocsMatchTheCodeTest.KEYS;
    private static final TableReferences TABLES = DocsMatchTheCodeTest.TABLES;

    private static MarkdownDoc doc(String text) {
        return MarkdownDoc.of(DocsMatchTheCodeTest.ROOT.resolve("docs"), text);
    }

    @Test
    void aTypeThatMovedOrAMemberThatWasRenamedIsReported() {
        MarkdownDoc stale = doc("""
                The AI tab is `org.lumen.app.gui.AiAssist`; keys come from org.lumen.viewer.ui.ViewportTool.byKey.
                Maps are placed by `viewer.overlay.NoSuchPlacement`, views by `app.nosuchpackage`.""");
        assertThat(REFERENCES.qualifiedNames(stale)).containsExactly(
                "synthesised.md:1: `org.lumen.app.gui.AiAssist`: no type org.lumen.app.gui.AiAssist",
                "synthesised.md:1: `org.lumen.viewer.ui.ViewportTool.byKey`: org.lumen.viewer.ui.ViewportTool has no byKey",
                "synthesised.md:2: `viewer.overlay.NoSuchPlacement`: no type org.lumen.viewer.overlay.NoSuchPlacement",
                "synthesised.md:2: `app.nosuchpackage`: no package org.lumen.app.nosuchpackage");
        assertThat(REFERENCES.qualifiedNames(doc("""
                The AI tab is `org.lumen.app.workflow.ai.AiAssist`; keys come from org.lumen.viewer.ui.ViewportTool.forKey.
                Maps are placed by `viewer.overlay.MapPlacement`, views by `app.gui`, settings under `network.cacheLimitBytes`."""))).isEmpty();
    }

    @Test
    void aClassThatWasRenamedOrAMemberThatWentIsReported() {
        assertThat(REFERENCES.typeNames(doc("`SeriesVolumeCache` keeps volumes; `FrameDecoder.readStraight` reads; `PixelBuffers` draw; `Pools.ui()` runs.")))
                .containsExactly("synthesised.md:1: no type SeriesVolumeCache", "synthesised.md:1: FrameDecoder has no readStraight",
                        "synthesised.md:1: no type PixelBuffers", "synthesised.md:1: Pools has no ui");
        assertThat(REFERENCES.typeNames(doc("`SeriesVolumes` keeps volumes; `FrameDecoder.readDirect` reads; `PixelBuffer` (JavaFX), "
                + "`AttributeList` (PixelMed), `OrtSession` (ONNX Runtime), `MemorySegment` (JDK), `MaxPool` (an ONNX operator), `Pools.catalog()`, `System.gc()`, `Conv`."))).isEmpty();
    }

    @Test
    void aJavaExampleCallingARenamedMethodOrClassIsReported() {
        String example = """
                ```java
                try (Catalog catalog = Catalog.%s(file)) {
                    var node = InlineNodes.parse("dicomweb+http://pacs.local:8042/dicom-web");
                    var qido = new %s(node, Timeouts.DEFAULT, Credentials.none());
                }
                ```
                """;
        assertThat(REFERENCES.javaExamples(doc(example.formatted("openOrCreate", "QidoSearch")))).containsExactly(
                "synthesised.md:2: Catalog has no method openOrCreate", "synthesised.md:4: no type QidoSearch");
        assertThat(REFERENCES.javaExamples(doc(example.formatted("open", "QidoClient")))).isEmpty();
    }

    @Test
    void aFileNoCodeWritesIsReported() {
        assertThat(REFERENCES.fileNames(doc("`lumen infer` writes `heatmap.nii.gz` and `detections.json`; `validate` writes `report.html`.")))
                .containsExactly("synthesised.md:1: nothing reads or writes detections.json");
    }

    @Test
    void aDecisionThatWasNeverWrittenIsReported() {
        assertThat(REFERENCES.decisions(doc("As ADR 0037 says, and decisions 0002 and 0026; see decision 0099.")))
                .containsExactly("synthesised.md:1: no decision 0026 in docs/decisions", "synthesised.md:1: no decision 0099 in docs/decisions");
    }

    @Test
    void aTestThatWasRenamedIsReported() {
        assertThat(REFERENCES.testClasses(doc("`JpegExtendedTest` compares; run `./mvnw -pl app test -Dtest=NoSuchWindowTest`")))
                .containsExactly("synthesised.md:1: no test class JpegExtendedTest", "synthesised.md:1: no test class NoSuchWindowTest");
        assertThat(REFERENCES.testClasses(doc("`DcmtkReferenceTest` compares; run `./mvnw -pl app test -Dtest=WorkstationWindowTest`")))
                .isEmpty();
    }

    @Test
    void aMissingPathOrABrokenLinkIsReported() {
        assertThat(REFERENCES.paths(doc("See docs/decisions/0004-zgc-forever.md and [the packaging](../packaging/READ.md).")))
                .containsExactly("synthesised.md:1: no file or folder docs/decisions/0004-zgc-forever.md",
                        "synthesised.md:1: the link ../packaging/READ.md leads nowhere");
        assertThat(REFERENCES.paths(doc("See docs/decisions/0004-zgc.md and [the packaging](../packaging/README.md)."))).isEmpty();
    }

    @Test
    void aCommandSubcommandOptionOrBenchGroupTheCliLacksIsReported() {
        MarkdownDoc stale = doc("""
                ```sh
                ./lumen frobnicate PATH
                ./lumen info PATH --jsn; ./lumen catalog repair FILE
                ./lumen bench --only load,warp --quick
                ./lumen pacs listen [--port 104] [--aet AET]
                ./lumen convert PATH --to nifti|analyze --out x
                ```
                and `lumen pacs echo NODE --retries 3`; `pacs fetch` retrieves.""");
        assertThat(COMMANDS.commands(stale)).hasSize(8).anySatisfy(p -> assertThat(p).startsWith("synthesised.md:2: `lumen frobnicate` is no command"))
                .contains("synthesised.md:3: `lumen info` has no option --jsn", "synthesised.md:3: `lumen catalog` has no subcommand repair",
                        "synthesised.md:4: `lumen bench --only` has no group warp", "synthesised.md:5: `lumen pacs listen --port` defaults to 11112, not 104",
                        "synthesised.md:6: `lumen convert --to` takes nifti|nrrd|raw, not analyze",
                        "synthesised.md:8: `lumen pacs echo` has no option --retries", "synthesised.md:8: `lumen pacs` has no subcommand fetch");
        assertThat(COMMANDS.commands(doc("""
                ```sh
                ./lumen info PATH [--json]; ./lumen catalog import PATH | check [--json] | backup FILE   [--catalog FILE]
                ./lumen bench --only load,codecs --quick; ./lumen package --gpu; ./lumen test -pl viewer
                ./lumen pacs listen [--port 11112] [--aet LUMEN] [--allow AET@host]...
                ./lumen infer PATH --model demo [--device auto|cpu|cuda:0] [--explain none|occlusion|rise] --out DIR
                ```
                and `lumen deid check DIR --against ORIGINAL`; `pacs get --via move` retrieves, `export` exports."""))).isEmpty();
    }

    @Test
    void aKeyNoTableBindsIsReported() {
        assertThat(KEYS.modifiedKeys(doc("Ctrl+Shift+K opens nothing; Alt+1–9 picks a class; Ctrl+wheel zooms.")))
                .containsExactly("synthesised.md:1: Ctrl+Shift+K is bound to nothing");
        assertThat(KEYS.modifiedKeys(doc("Ctrl+Shift+Q queries; Alt+1–9 picks a class; Shift+1–9 file windows; until Ctrl+C."))).isEmpty();
    }

    @Test
    void aKeyTableRowThatSwapsKeysOrLeavesOutAToolIsReported() {
        MarkdownDoc readme = doc("""
                | | |
                |---|---|
                | Measure | T length, M rectangle ROI, Ctrl+K clears |
                """);
        assertThat(KEYS.keyTable(readme, List.of(ViewportTool.LENGTH, ViewportTool.RECTANGLE))).containsExactly(
                "synthesised.md:3: \"T length\" but T is bound to [rectangle ROI]",
                "synthesised.md:3: \"M rectangle ROI\" but M is bound to [length]",
                "synthesised.md:3: Ctrl+K is bound to nothing",
                "synthesised.md: the key table does not name the length tool's key M",
                "synthesised.md: the key table does not name the rectangle ROI tool's key T");
        assertThat(KEYS.keyTable(doc("""
                | | |
                |---|---|
                | Measure | M length, T rectangle ROI; Ctrl+W closes the study |
                """), List.of(ViewportTool.LENGTH, ViewportTool.RECTANGLE))).isEmpty();
    }

    @Test
    void aPackageTheTableLeavesOutOrOneThatWentIsReported() {
        MarkdownDoc architecture = MarkdownDoc.read(DocsMatchTheCodeTest.ROOT, DocsMatchTheCodeTest.ROOT.resolve("docs/architecture.md"));
        List<String> lines = architecture.lines().stream()
                .filter(l -> !l.startsWith("| `org.lumen.viewer.image`"))
                .map(l -> l.replace("| `org.lumen.network`, `.node`, `.query` |", "| `org.lumen.network`, `.node`, `.queries` |"))
                .toList();
        assertThat(TABLES.packageTable(new MarkdownDoc("architecture.md", architecture.folder(), lines))).containsExactlyInAnyOrder(
                "architecture.md:" + (lines.indexOf(lines.stream().filter(l -> l.contains("`.queries`")).findFirst().orElseThrow()) + 1)
                        + ": no package org.lumen.network.queries",
                "architecture.md: the package table leaves out org.lumen.network.query",
                "architecture.md: the package table leaves out org.lumen.viewer.image");
    }

    @Test
    void aModuleTheReadmeLeavesOutOrOneThatWentIsReported() {
        MarkdownDoc readme = doc("""
                ## Modules

                | module | what it holds |
                |---|---|
                | `viewer` | DICOM |
                | `ai-assist` | models |
                | `annotation` | labels |
                | `network` | PACS |
                | `src-test-data` | phantoms |
                | `app` | the window |
                | `benchmarks` | figures |
                | `installers` | packages |
                """);
        assertThat(TABLES.moduleTable(readme)).containsExactly("synthesised.md: the module table leaves out packaging",
                "synthesised.md: the module table names installers, which the root pom does not build");
    }

    @Test
    void aVariableOrPropertyNothingReadsIsReported() {
        assertThat(REFERENCES.settings(doc("Set `LUMEN_NOWHERE` or `-Dlumen.nothing=1`, or the property `lumen.openjpeg.libraries`.")))
                .containsExactly("synthesised.md:1: nothing reads LUMEN_NOWHERE", "synthesised.md:1: nothing reads the property lumen.nothing",
                        "synthesised.md:1: nothing reads the property lumen.openjpeg.libraries");
        assertThat(REFERENCES.settings(doc("Set `LUMEN_HOME` or `-Dlumen.shots=DIR`, or the property `lumen.openjpeg.library`."))).isEmpty();
    }
}
