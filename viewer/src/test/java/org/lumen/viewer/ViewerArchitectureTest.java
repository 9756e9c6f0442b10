// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.viewer.arch.ArchitectureRules.synthesise;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(DICOM_PACKAGE + ".Part10Files")
            .should(notExposePixelMed())
            .because("the rest of the code sees Lumen's own types, never PixelMed's");

    @BeforeAll
    static void importViewer() {
        viewer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lumen.viewer", "org.lumen.task");
    }

    @Test
    void importsTheViewersMainClassesOnly() {
        assertThat(viewer).hasSizeGreaterThan(50);
        assertThat(viewer.contain("org.lumen.viewer.index.Indexer")).isTrue();
        assertThat(viewer.contain("org.lumen.task.BackgroundTask")).isTrue();
        assertThat(viewer.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void domainPackagesHaveNoJavaFx() {
        NO_JAVAFX_OUTSIDE_UI.check(viewer);
    }

    @Test
    void onlyTheDicomPackageUsesPixelMed() {
        PIXELMED_ONLY_IN_DICOM.check(viewer);
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
        NO_UPWARD_MODULE_DEPENDENCIES.check(viewer);
    }

    @Test
    void publicApiDoesNotExposePixelMedTypes() {
        PUBLIC_API_HIDES_PIXELMED.check(viewer);
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
