// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.viewer.arch.ArchitectureRules.synthesise;
import static org.lumen.viewer.arch.ArchitectureRules.synthesiseCall;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.lumen.viewer.arch.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's rules from ARCHITECTURE.md: domain packages have no JavaFX, PixelMed stays inside
 * {@code org.lumen.viewer.dicom}, and the viewer (the bottom of the module graph) depends on no
 * other Lumen module. Each rule is also run against a class synthesised for the purpose, so a
 * rule that could never fail would be noticed.
 */
class ViewerArchitectureTest {

    private static final String DICOM_PACKAGE = "org.lumen.viewer.dicom";

    private static JavaClasses viewer;

    static final ArchRule NO_JAVAFX_OUTSIDE_UI = noClasses()
            .that().resideOutsideOfPackage("..ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("domain packages are tested without a UI; JavaFX lives in ..ui packages");

    static final ArchRule PIXELMED_ONLY_IN_DICOM = noClasses()
            .that().resideOutsideOfPackage(DICOM_PACKAGE + "..")
            .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
            .because("all PixelMed calls stay inside the viewer's dicom package, so the toolkit can be swapped there");

    static final ArchRule NO_UPWARD_MODULE_DEPENDENCIES = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.lumen.app..", "org.lumen.aiassist..", "org.lumen.annotation..", "org.lumen.testdata..")
            .because("arrows point down only: app -> ai-assist, annotation -> viewer");

    /**
     * PixelMed types must not appear in any signature callable from outside the dicom package. The one
     * exception is {@code Part10Files}, the shared Part 10 writer: only the other modules' {@code dicom}
     * packages can call it (they alone may hold an AttributeList, by their own modules' rules).
     */
    static final ArchRule PUBLIC_API_HIDES_PIXELMED = members()
            .that().areDeclaredInClassesThat().arePublic()
            // The two writing helpers other modules' dicom packages (and only those) build files with.
            .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(DICOM_PACKAGE + ".Part10Files")
            .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(DICOM_PACKAGE + ".Utf8Text")
            .should(notExposePixelMed())
            .because("the rest of the code sees Lumen's own types, never PixelMed's");

    /** The viewer's packages form no cycles, so each can be read, tested and replaced from the bottom up. */
    static final ArchRule NO_PACKAGE_CYCLES = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("org.lumen.viewer.(*)..").should().beFreeOfCycles()
            .because("each package can be understood, tested and replaced from the bottom up");

    static final ArchRule BACKGROUND_WORK_THROUGH_TASKS = ArchitectureRules.backgroundWorkOnlyThroughTasks("org.lumen");

    @BeforeAll
    static void importViewer() {
        viewer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lumen.viewer", "org.lumen.task");
    }

    @Test
    void importsTheViewersMainClassesOnly() {
        assertThat(viewer).hasSizeGreaterThan(50);
        assertThat(viewer.contain("org.lumen.viewer.indexing.Indexer")).isTrue();
        assertThat(viewer.contain("org.lumen.task.BackgroundTask")).isTrue();
        assertThat(viewer.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void domainPackagesHaveNoJavaFx() {
        NO_JAVAFX_OUTSIDE_UI.allowEmptyShould(false).check(viewer);
    }

    @Test
    void onlyTheDicomPackageUsesPixelMed() {
        PIXELMED_ONLY_IN_DICOM.allowEmptyShould(false).check(viewer);
    }

    @Test
    void theDicomPackageReallyUsesPixelMed() {
        // Guards the rule above against passing only because the importer saw no PixelMed dependency at all.
        List<String> users = viewer.stream()
                .filter(c -> c.getPackageName().equals(DICOM_PACKAGE))
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("com.pixelmed")))
                .map(JavaClass::getSimpleName)
                .toList();
        assertThat(users).contains("DicomHeaderReader");
    }

    @Test
    void viewerDependsOnNoOtherLumenModule() {
        NO_UPWARD_MODULE_DEPENDENCIES.allowEmptyShould(false).check(viewer);
    }

    @Test
    void publicApiDoesNotExposePixelMedTypes() {
        PUBLIC_API_HIDES_PIXELMED.allowEmptyShould(false).check(viewer);
    }

    @Test
    void rulesCatchViolations(@TempDir Path dir) throws IOException {
        JavaClasses fxInDomain = synthesise(dir.resolve("a"), "org.lumen.viewer.render.FxCanvas", "javafx.scene.Node");
        JavaClasses fxInUi = synthesise(dir.resolve("b"), "org.lumen.viewer.ui.FxCanvas", "javafx.scene.Node");
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(fxInDomain).hasViolation()).isTrue();
        // allowEmptyShould: a class the that() clause leaves out is not "checked" at all.
        assertThat(NO_JAVAFX_OUTSIDE_UI.allowEmptyShould(true).evaluate(fxInUi).hasViolation()).isFalse();

        JavaClasses pixelMedInVolume = synthesise(dir.resolve("c"), "org.lumen.viewer.volume.Leak",
                "com.pixelmed.dicom.AttributeList");
        JavaClasses pixelMedInDicom = synthesise(dir.resolve("d"), DICOM_PACKAGE + ".Wrapper",
                "com.pixelmed.dicom.AttributeList");
        assertThat(PIXELMED_ONLY_IN_DICOM.evaluate(pixelMedInVolume).hasViolation()).isTrue();
        assertThat(PIXELMED_ONLY_IN_DICOM.allowEmptyShould(true).evaluate(pixelMedInDicom).hasViolation()).isFalse();
        // ...but even inside the dicom package, a public field of a PixelMed type leaks it.
        assertThat(PUBLIC_API_HIDES_PIXELMED.evaluate(pixelMedInDicom).hasViolation()).isTrue();

        for (String upward : List.of("org.lumen.app.cli.LumenCommand", "org.lumen.aiassist.Finding",
                "org.lumen.annotation.Label", "org.lumen.testdata.Phantoms")) {
            JavaClasses cls = synthesise(dir.resolve(upward), "org.lumen.viewer.index.Upward", upward);
            assertThat(NO_UPWARD_MODULE_DEPENDENCIES.evaluate(cls).hasViolation()).as(upward).isTrue();
        }
    }

    @Test
    void packagesFormNoCycles() {
        NO_PACKAGE_CYCLES.allowEmptyShould(false).check(viewer);
    }

    @Test
    void aRuleRunOnTheModuleCannotPassByCheckingNothing() {
        // Every module's test runs its rules with allowEmptyShould(false): a that() clause that selects nothing fails.
        JavaClasses nothing = new ClassFileImporter().importClasses(java.util.List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BACKGROUND_WORK_THROUGH_TASKS.allowEmptyShould(false).check(nothing))
                .isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
    }

    @Test
    void thePackageCycleRuleBites(@TempDir Path dir) throws IOException {
        synthesise(dir, "org.lumen.viewer.render.Painter", "org.lumen.viewer.volume.Canvas");
        JavaClasses cycle = synthesise(dir, "org.lumen.viewer.volume.Canvas", "org.lumen.viewer.render.Painter");
        assertThat(NO_PACKAGE_CYCLES.evaluate(cycle).hasViolation()).isTrue();
        JavaClasses oneWay = synthesise(dir.resolve("b"), "org.lumen.viewer.render.Painter", "org.lumen.viewer.volume.Canvas");
        assertThat(NO_PACKAGE_CYCLES.evaluate(oneWay).hasViolation()).isFalse();
    }

    @Test
    void backgroundWorkGoesThroughTheTaskPackage() {
        BACKGROUND_WORK_THROUGH_TASKS.allowEmptyShould(false).check(viewer);
    }

    @Test
    void theBackgroundWorkRuleFindsEveryKindOfRawThread() {
        // A class compiled with this test that does each forbidden thing once (it is never run).
        JavaClasses bad = new ClassFileImporter().importClasses(DeliberatelyBad.class);
        var result = BACKGROUND_WORK_THROUGH_TASKS.evaluate(bad);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("Platform.runLater") && d.contains("later"))
                .anyMatch(d -> d.contains("Platform.runLater") && d.contains("fxExecutor"))
                .anyMatch(d -> d.contains("a new thread"))
                .anyMatch(d -> d.contains("Executors.newSingleThreadExecutor"))
                .anyMatch(d -> d.contains("Thread.ofVirtual"))
                .anyMatch(d -> d.contains("a new executor ForkJoinPool"));
        // ...and the real task package, which does all of these, is exempt.
        JavaClasses taskPackage = new ClassFileImporter().importClasses(org.lumen.task.Pools.class, org.lumen.task.BigStack.class,
                org.lumen.task.ui.FxThread.class);
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(taskPackage).hasViolation()).isFalse();
    }

    @Test
    void theBackgroundWorkRuleCatchesSynthesisedViolations(@TempDir Path dir) throws IOException {
        MethodTypeDesc runLater = MethodTypeDesc.of(ConstantDescs.CD_void, ClassDesc.of("java.lang.Runnable"));
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(synthesiseCall(dir.resolve("a"), "org.lumen.viewer.ui.Hop",
                "javafx.application.Platform", "runLater", runLater)).hasViolation()).isTrue();
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(synthesiseCall(dir.resolve("b"), "org.lumen.task.ui.Hop",
                "javafx.application.Platform", "runLater", runLater)).hasViolation()).isFalse();
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(synthesiseCall(dir.resolve("c"), "org.lumen.viewer.volume.Spawner",
                "java.lang.Thread", ConstantDescs.INIT_NAME, runLater)).hasViolation()).isTrue();
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(synthesiseCall(dir.resolve("d"), "org.lumen.viewer.index.Pool",
                "java.util.concurrent.Executors", "newFixedThreadPool",
                MethodTypeDesc.of(ClassDesc.of("java.util.concurrent.ExecutorService"), ConstantDescs.CD_int))).hasViolation()).isTrue();
    }

    /** Breaks the background-work rule once per kind; only read by ArchUnit, never run. */
    @SuppressWarnings("unused")
    static final class DeliberatelyBad {
        void later() {
            javafx.application.Platform.runLater(() -> { });
        }

        Executor fxExecutor() {
            return javafx.application.Platform::runLater;
        }

        void thread() {
            new Thread(() -> { }).start();
        }

        ExecutorService executor() {
            return Executors.newSingleThreadExecutor();
        }

        void virtual() {
            Thread.ofVirtual().start(() -> { });
        }

        ExecutorService pool() {
            return new java.util.concurrent.ForkJoinPool(2);
        }
    }

    private static ArchCondition<JavaMember> notExposePixelMed() {
        return new ArchCondition<>("not expose PixelMed types") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                boolean api = member.getModifiers().contains(JavaModifier.PUBLIC)
                        || member.getModifiers().contains(JavaModifier.PROTECTED);
                if (!api) {
                    return;
                }
                List<JavaClass> types = new ArrayList<>();
                if (member instanceof JavaField field) {
                    types.add(field.getRawType());
                } else if (member instanceof JavaCodeUnit code) {
                    types.add(code.getRawReturnType());
                    types.addAll(code.getRawParameterTypes());
                    types.addAll(code.getThrowsClause().getTypes());
                }
                types.stream()
                        .filter(t -> t.getPackageName().startsWith("com.pixelmed"))
                        .forEach(t -> events.add(SimpleConditionEvent.violated(member,
                                member.getFullName() + " exposes " + t.getName())));
            }
        };
    }
}
