// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist;

import static org.lumen.viewer.arch.ArchitectureRules.noDependency;
import static org.lumen.viewer.arch.ArchitectureRules.noJavaFxOutsideUi;
import static org.lumen.viewer.arch.ArchitectureRules.noPixelMed;
import static org.lumen.viewer.arch.ArchitectureRules.synthesise;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ai-assist's rules from ARCHITECTURE.md, plus one of its own: its packages (model, onnx, runtime,
 * grid, pipeline, findings, explain, engine, cache, demo) form no cycles. {@link #rulesCatchViolations}
 * proves each rule still fails on a class that breaks it.
 */
class AiAssistArchitectureTest {

    private static JavaClasses aiAssist;

    static final ArchRule NO_ANNOTATION = noDependency("org.lumen.aiassist", "org.lumen.annotation",
            "ai-assist and annotation never import each other; app joins them through plain data");

    static final ArchRule NO_APP = noDependency("org.lumen.aiassist", "org.lumen.app", "arrows point down only: app -> ai-assist -> viewer");

    static final ArchRule NO_JAVAFX_OUTSIDE_UI = noJavaFxOutsideUi("org.lumen.aiassist");

    static final ArchRule NO_PIXELMED = noPixelMed("org.lumen.aiassist");

    static final ArchRule NO_PACKAGE_CYCLES = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("org.lumen.aiassist.(*)..").should().beFreeOfCycles()
            .because("each package can be understood, tested and replaced from the bottom up");

    static final ArchRule BACKGROUND_WORK_THROUGH_TASKS =
            org.lumen.viewer.arch.ArchitectureRules.backgroundWorkOnlyThroughTasks("org.lumen.aiassist");

    @BeforeAll
    static void importAiAssist() {
        aiAssist = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lumen.aiassist");
    }

    @Test
    void importsNoTestClasses() {
        assertThat(aiAssist.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void doesNotDependOnAnnotation() {
        NO_ANNOTATION.allowEmptyShould(false).check(aiAssist);
    }

    @Test
    void doesNotDependOnApp() {
        NO_APP.allowEmptyShould(false).check(aiAssist);
    }

    @Test
    void domainPackagesHaveNoJavaFx() {
        NO_JAVAFX_OUTSIDE_UI.allowEmptyShould(false).check(aiAssist);
    }

    @Test
    void doesNotUsePixelMed() {
        NO_PIXELMED.allowEmptyShould(false).check(aiAssist);
    }

    @Test
    void packagesFormNoCycles() {
        NO_PACKAGE_CYCLES.allowEmptyShould(false).check(aiAssist);
    }

    @Test
    void rulesCatchViolations(@TempDir Path dir) throws IOException {
        assertThat(NO_ANNOTATION.evaluate(synthesise(dir.resolve("a"), "org.lumen.aiassist.model.Finding",
                "org.lumen.annotation.catalog.Label")).hasViolation()).isTrue();
        assertThat(NO_APP.evaluate(synthesise(dir.resolve("b"), "org.lumen.aiassist.Pipeline",
                "org.lumen.app.cli.LumenCommand")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("c"), "org.lumen.aiassist.heatmap.Overlay",
                "javafx.scene.image.WritableImage")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("d"), "org.lumen.aiassist.ui.FindingsPane",
                "javafx.scene.layout.Pane")).hasViolation()).isFalse();
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("e"), "org.lumen.aiassist.Input",
                "com.pixelmed.dicom.AttributeList")).hasViolation()).isTrue();
        // A class that only uses the viewer's own types is fine.
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("f"), "org.lumen.aiassist.Input",
                "org.lumen.viewer.volume.Volume")).hasViolation()).isFalse();
    }

    @Test
    void backgroundWorkGoesThroughTheTaskPackage() {
        BACKGROUND_WORK_THROUGH_TASKS.allowEmptyShould(false).check(aiAssist);
    }

    @Test
    void theBackgroundWorkRuleBitesHere(@TempDir Path dir) throws IOException {
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir, "org.lumen.aiassist.Spawner",
                "java.util.concurrent.Executors", "newCachedThreadPool",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ClassDesc.of("java.util.concurrent.ExecutorService"))))
                .hasViolation()).isTrue();
    }
}
