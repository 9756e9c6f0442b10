// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation;

import static org.lumen.viewer.arch.ArchitectureRules.noDependency;
import static org.lumen.viewer.arch.ArchitectureRules.noJavaFxOutsideUi;
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
 * annotation's rules from ARCHITECTURE.md. The rules allow an empty selection only where they are run on
 * a class synthesised for the purpose ({@link #rulesCatchViolations} proves each still fails on a class that
 * breaks it); on the module itself every rule must select classes ({@code allowEmptyShould(false)}), so none
 * can pass by checking nothing.
 */
class AnnotationArchitectureTest {

    private static JavaClasses annotation;

    static final ArchRule NO_AI_ASSIST = noDependency("org.lumen.annotation", "org.lumen.aiassist",
            "ai-assist and annotation never import each other; app joins them through plain data");

    static final ArchRule NO_APP = noDependency("org.lumen.annotation", "org.lumen.app", "arrows point down only: app -> annotation -> viewer");

    /** The panels' logic is tested without the window: view-models know nothing of the views that render them. */
    static final ArchRule VIEW_MODELS_WITHOUT_VIEWS = noDependency("org.lumen.annotation.viewmodel", "org.lumen.annotation.ui",
            "a view-model is plain Java that its panel binds to, not the other way round");

    static final ArchRule NO_JAVAFX_OUTSIDE_UI = noJavaFxOutsideUi("org.lumen.annotation");

    /** The DICOM toolkit only in annotation's own {@code dicom} package (what writes de-identified files, SEG, SR). */
    static final ArchRule NO_PIXELMED = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("org.lumen.annotation..").and().resideOutsideOfPackage("org.lumen.annotation.dicom..")
            .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
            .because("the DICOM toolkit stays in packages named dicom, so it can be swapped there")
            .allowEmptyShould(true);

    /** ImageJ 1.x only where the Fiji export is written, so its AWT-based classes do not spread into the domain. */
    static final ArchRule NO_IMAGEJ = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("org.lumen.annotation..").and().resideOutsideOfPackage("org.lumen.annotation.export.imagej..")
            .should().dependOnClassesThat().resideInAPackage("ij..")
            .because("ImageJ writes the Fiji export and nothing else in annotation")
            .allowEmptyShould(true);

    static final ArchRule BACKGROUND_WORK_THROUGH_TASKS =
            org.lumen.viewer.arch.ArchitectureRules.backgroundWorkOnlyThroughTasks("org.lumen.annotation");

    @BeforeAll
    static void importAnnotation() {
        annotation = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lumen.annotation");
    }

    @Test
    void importsTheModulesMainClassesOnly() {
        assertThat(annotation.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
        for (String main : new String[] {"org.lumen.annotation.catalog.Catalog", "org.lumen.annotation.session.AnnotationSession",
                "org.lumen.annotation.ui.ReviewPanel", "org.lumen.annotation.dicom.DicomDeidentifier",
                "org.lumen.annotation.viewmodel.ReviewViewModel"}) {
            assertThat(annotation.contain(main)).as(main).isTrue();
        }
    }

    @Test
    void doesNotDependOnAiAssist() {
        NO_AI_ASSIST.allowEmptyShould(false).check(annotation);
    }

    @Test
    void doesNotDependOnApp() {
        NO_APP.allowEmptyShould(false).check(annotation);
    }

    @Test
    void viewModelsDoNotKnowTheirViews() {
        VIEW_MODELS_WITHOUT_VIEWS.allowEmptyShould(false).check(annotation);
    }

    @Test
    void domainPackagesHaveNoJavaFx() {
        NO_JAVAFX_OUTSIDE_UI.allowEmptyShould(false).check(annotation);
    }

    @Test
    void usesPixelMedOnlyInItsDicomPackage() {
        NO_PIXELMED.allowEmptyShould(false).check(annotation);
    }

    @Test
    void usesImageJOnlyForTheFijiExport() {
        NO_IMAGEJ.allowEmptyShould(false).check(annotation);
    }

    @Test
    void rulesCatchViolations(@TempDir Path dir) throws IOException {
        assertThat(NO_AI_ASSIST.evaluate(synthesise(dir.resolve("a"), "org.lumen.annotation.catalog.LabelRevision",
                "org.lumen.aiassist.Finding")).hasViolation()).isTrue();
        assertThat(NO_APP.evaluate(synthesise(dir.resolve("b"), "org.lumen.annotation.export.Exporter",
                "org.lumen.app.settings.UserDataFolder")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("c"), "org.lumen.annotation.tools.Brush",
                "javafx.scene.canvas.GraphicsContext")).hasViolation()).isTrue();
        assertThat(VIEW_MODELS_WITHOUT_VIEWS.evaluate(synthesise(dir.resolve("vm"), "org.lumen.annotation.viewmodel.LabelsViewModel",
                "org.lumen.annotation.ui.AnnotationPanel")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("vmfx"), "org.lumen.annotation.viewmodel.LabelsViewModel",
                "javafx.beans.property.StringProperty")).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_OUTSIDE_UI.evaluate(synthesise(dir.resolve("d"), "org.lumen.annotation.ui.LabelPalette",
                "javafx.scene.layout.Pane")).hasViolation()).isFalse();
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("e"), "org.lumen.annotation.deid.Deidentifier",
                "com.pixelmed.dicom.AttributeList")).hasViolation()).isTrue();
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("g"), "org.lumen.annotation.dicom.SegWriter",
                "com.pixelmed.dicom.AttributeList")).hasViolation()).isFalse();
        assertThat(NO_IMAGEJ.evaluate(synthesise(dir.resolve("h"), "org.lumen.annotation.edit.MaskEditor",
                "ij.process.ImageProcessor")).hasViolation()).isTrue();
        assertThat(NO_IMAGEJ.evaluate(synthesise(dir.resolve("i"), "org.lumen.annotation.export.imagej.Hyperstack",
                "ij.process.ImageProcessor")).hasViolation()).isFalse();
        // The SEG/SR domain types are read and written in dicom but hold no PixelMed type themselves.
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("exchange"), "org.lumen.annotation.exchange.ImportedSegment",
                "com.pixelmed.dicom.CodedSequenceItem")).hasViolation()).isTrue();
        // A class that only uses the viewer's own types is fine.
        assertThat(NO_PIXELMED.evaluate(synthesise(dir.resolve("f"), "org.lumen.annotation.deid.Deidentifier",
                "org.lumen.viewer.index.InstanceHeader")).hasViolation()).isFalse();
    }

    @Test
    void backgroundWorkGoesThroughTheTaskPackage() {
        BACKGROUND_WORK_THROUGH_TASKS.allowEmptyShould(false).check(annotation);
    }

    @Test
    void theBackgroundWorkRuleBitesHere(@TempDir Path dir) throws IOException {
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir, "org.lumen.annotation.Spawner",
                "java.util.concurrent.Executors", "newCachedThreadPool",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ClassDesc.of("java.util.concurrent.ExecutorService"))))
                .hasViolation()).isTrue();
    }
}
