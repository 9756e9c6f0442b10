// SPDX-License-Identifier: Apache-2.0
package org.lumen.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.viewer.arch.ArchitectureRules.synthesise;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
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
 * app's rules from ARCHITECTURE.md: JavaFX only in {@code ..ui..} packages, the window's package
 * {@code org.lumen.app.gui} and the workflows' {@code org.lumen.app.workflow..}; the workflows never reach
 * back into the window; PixelMed nowhere (the app sees Lumen's own types).
 */
class AppArchitectureTest {

    private static JavaClasses app;

    static final ArchRule NO_JAVAFX_OUTSIDE_UI = noClasses()
            .that().resideInAPackage("org.lumen.app..")
            .and().resideOutsideOfPackages("..ui..", "org.lumen.app.gui..", "org.lumen.app.workflow..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("domain code (CLI, settings, study workflows) runs and is tested without a UI")
            .allowEmptyShould(true);

    /**
     * The window ({@code org.lumen.app.gui}) builds the workflows and hands them what they need; a workflow
     * (labelling, AI, review, PACS, trust views, export) never depends on the window, so it can be opened and
     * tested without it.
     */
    static final ArchRule WORKFLOWS_WITHOUT_THE_WINDOW = noClasses()
            .that().resideInAPackage("org.lumen.app.workflow..")
            .should().dependOnClassesThat().resideInAPackage("org.lumen.app.gui..")
            .because("the window wires the workflows, not the other way round (decision 0036)")
            .allowEmptyShould(true);

    static final ArchRule NO_PIXELMED = noClasses()
            .that().resideInAPackage("org.lumen.app..")
            .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
            .because("all PixelMed calls stay inside the viewer's dicom package");

    static final ArchRule BACKGROUND_WORK_THROUGH_TASKS =
            org.lumen.viewer.arch.ArchitectureRules.backgroundWorkOnlyThroughTasks("org.lumen.app");

    /** The services built once per process are built in the composition root only (ADR 0022). */
    static final ArchRule SERVICES_BUILT_IN_THE_ROOT = noClasses()
            .that().resideInAPackage("org.lumen.app..").and().resideOutsideOfPackage("org.lumen.app.services..")
            .should().callConstructor("org.lumen.aiassist.engine.InferenceEngine", "org.lumen.aiassist.cache.ResultStore",
                    "java.util.concurrent.ExecutorService")
            .orShould().callConstructor("org.lumen.aiassist.model.ModelRegistry", "java.nio.file.Path", "java.nio.file.Path")
            .orShould().callConstructor("org.lumen.task.Pools")
            .orShould().callConstructor("org.lumen.task.Pools", "int")
            .orShould().callMethod("org.lumen.viewer.volume.PixelCache", "withDefaultBudget")
            .orShould().callConstructor("org.lumen.app.study.StudyOpener", "org.lumen.task.Pools", "org.lumen.app.settings.UserDataFolder")
            .orShould().callConstructorWhere(constructorOf("org.lumen.aiassist.image2d.ImageInferenceEngine"))
            .orShould().callConstructorWhere(constructorOf("org.lumen.network.node.NodeStore"))
            .orShould().callMethodWhere(methodOf("org.lumen.annotation.catalog.Catalog", "open.*"))
            .orShould().callMethodWhere(methodOf("org.lumen.app.settings.NetworkSettings", "read"))
            .because("one composition root (LumenServices) builds the pools, pixel budget, model registry, both AI engines, the "
                    + "study opener and the node store once per process, opens every catalog (--catalog FILE included) and reads "
                    + "the network settings, for the CLI and the window alike")
            .allowEmptyShould(true);

    /** Any constructor of {@code owner}, whatever its parameters (a new overload must not slip past the rule). */
    private static DescribedPredicate<JavaConstructorCall> constructorOf(String owner) {
        return DescribedPredicate.describe("a constructor of " + owner, call -> call.getTargetOwner().getName().equals(owner));
    }

    /** Any method of {@code owner} whose name matches {@code name}, whatever its parameters. */
    private static DescribedPredicate<JavaMethodCall> methodOf(String owner, String name) {
        return DescribedPredicate.describe("a method " + owner + "." + name,
                call -> call.getTargetOwner().getName().equals(owner) && call.getName().matches(name));
    }

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lumen.app");
    }

    @Test
    void importsTheAppsMainClassesOnly() {
        assertThat(app.contain("org.lumen.app.cli.LumenCommand")).isTrue();
        assertThat(app.contain("org.lumen.app.settings.UserDataFolder")).isTrue();
        assertThat(app.contain("org.lumen.app.gui.WorkstationWindow")).isTrue();
        assertThat(app.contain("org.lumen.app.workflow.labelling.Labelling")).isTrue();
        assertThat(app.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
        assertThat(app.stream().map(JavaClass::getPackageName)).allMatch(p -> p.startsWith("org.lumen.app"));
    }

    @Test
    void noJavaFxOutsideUiAndGui() {
        NO_JAVAFX_OUTSIDE_UI.allowEmptyShould(false).check(app);
    }

    @Test
    void workflowsDoNotDependOnTheWindow() {
        WORKFLOWS_WITHOUT_THE_WINDOW.allowEmptyShould(false).check(app);
    }

    @Test
    void noPixelMedAnywhere() {
        NO_PIXELMED.allowEmptyShould(false).check(app);
    }

    @Test
    void rulesCatchViolations(@TempDir Path dir) throws IOException {
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("a"), "org.lumen.app.cli.FxCommand",
                "javafx.application.Platform")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("b"), "org.lumen.app.gui.Workstation",
                "javafx.stage.Stage")).hasViolation()).isFalse();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("c"), "org.lumen.app.study.ui.StudyBrowser",
                "javafx.scene.control.TreeView")).hasViolation()).isFalse();
        // "gui" must be the package itself, not any package whose name starts with it.
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("d"), "org.lumen.app.guide.Tour",
                "javafx.stage.Stage")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("w"), "org.lumen.app.workflow.pacs.SendDialog",
                "javafx.stage.Stage")).hasViolation()).isFalse();
        assertThat(WORKFLOWS_WITHOUT_THE_WINDOW.evaluate(synthesise(dir.resolve("x"), "org.lumen.app.workflow.trust.AuditWindow",
                "org.lumen.app.gui.StatusBar")).hasViolation()).isTrue();
        assertThat(WORKFLOWS_WITHOUT_THE_WINDOW.evaluate(synthesise(dir.resolve("y"), "org.lumen.app.gui.WorkstationWindow",
                "org.lumen.app.workflow.labelling.Labelling")).hasViolation()).isFalse();
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("e"), "org.lumen.app.gui.Workstation",
                "com.pixelmed.dicom.AttributeList")).hasViolation()).isTrue();
    }

    @Test
    void backgroundWorkGoesThroughTheTaskPackage() {
        BACKGROUND_WORK_THROUGH_TASKS.allowEmptyShould(false).check(app);
    }

    @Test
    void theBackgroundWorkRuleBitesHere(@TempDir Path dir) throws IOException {
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir, "org.lumen.app.Spawner",
                "java.util.concurrent.Executors", "newCachedThreadPool",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ClassDesc.of("java.util.concurrent.ExecutorService"))))
                .hasViolation()).isTrue();
    }

    @Test
    void servicesAreBuiltInTheCompositionRootOnly() {
        SERVICES_BUILT_IN_THE_ROOT.allowEmptyShould(false).check(app);
    }

    @Test
    void theCompositionRootRuleBites(@TempDir Path dir) throws IOException {
        var engine = java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void,
                java.lang.constant.ClassDesc.of("org.lumen.aiassist.cache.ResultStore"),
                java.lang.constant.ClassDesc.of("java.util.concurrent.ExecutorService"));
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("a"),
                "org.lumen.app.gui.SecondEngine", "org.lumen.aiassist.engine.InferenceEngine", "<init>", engine)).hasViolation()).isTrue();
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("b"),
                "org.lumen.app.services.TheEngine", "org.lumen.aiassist.engine.InferenceEngine", "<init>", engine)).hasViolation()).isFalse();
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("c"),
                "org.lumen.app.cli.OwnPools", "org.lumen.task.Pools", "<init>",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void))).hasViolation()).isTrue();
        var path = java.lang.constant.ClassDesc.of("java.nio.file.Path");
        var catalog = java.lang.constant.ClassDesc.of("org.lumen.annotation.catalog.Catalog");
        // A command that opens the catalog named by --catalog FILE itself, as eight commands did before.
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("d"),
                "org.lumen.app.cli.OwnCatalog", "org.lumen.annotation.catalog.Catalog", "open",
                java.lang.constant.MethodTypeDesc.of(catalog, path))).hasViolation()).isTrue();
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("e"),
                "org.lumen.app.cli.OwnCatalog", "org.lumen.annotation.catalog.Catalog", "openReadOnly",
                java.lang.constant.MethodTypeDesc.of(catalog, path, java.lang.constant.ClassDesc.of("org.lumen.annotation.catalog.CatalogOptions"))))
                .hasViolation()).isTrue();
        // The node store of the window's dialogs, built where it is used, as four places did before.
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("f"),
                "org.lumen.app.gui.OwnNodes", "org.lumen.network.node.NodeStore", "<init>",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void, path, path))).hasViolation()).isTrue();
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("g"),
                "org.lumen.app.gui.OwnEngine", "org.lumen.aiassist.image2d.ImageInferenceEngine", "<init>",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void))).hasViolation()).isTrue();
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("h"),
                "org.lumen.app.cli.OwnSettings", "org.lumen.app.settings.NetworkSettings", "read",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ClassDesc.of("org.lumen.app.settings.NetworkSettings"), path)))
                .hasViolation()).isTrue();
        // LumenServices itself may.
        assertThat(SERVICES_BUILT_IN_THE_ROOT.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir.resolve("i"),
                "org.lumen.app.services.LumenServices", "org.lumen.annotation.catalog.Catalog", "open",
                java.lang.constant.MethodTypeDesc.of(catalog, path))).hasViolation()).isFalse();
    }
}
