// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.viewer.arch.ArchitectureRules.noDependency;
import static org.lumen.viewer.arch.ArchitectureRules.noJavaFxOutsideUi;
import static org.lumen.viewer.arch.ArchitectureRules.synthesise;

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
 * The network module's rules: it sits on the viewer and under app (never ai-assist or annotation),
 * its domain has no JavaFX, and PixelMed is used only in its {@code dicom} package.
 */
class NetworkArchitectureTest {

    private static final String MODULE = "org.lumen.network";

    static final ArchRule PIXELMED_ONLY_IN_DICOM = noClasses()
            .that().resideInAPackage(MODULE + "..").and().resideOutsideOfPackage(MODULE + ".dicom..")
            .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
            .because("the DICOM toolkit stays in packages named dicom, so it can be swapped there");

    private static JavaClasses network;

    static final ArchRule BACKGROUND_WORK_THROUGH_TASKS =
            org.lumen.viewer.arch.ArchitectureRules.backgroundWorkOnlyThroughTasks("org.lumen.network");

    @BeforeAll
    static void importModule() {
        network = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(MODULE);
    }

    @Test
    void pixelMedOnlyInTheDicomPackage(@TempDir Path dir) throws IOException {
        PIXELMED_ONLY_IN_DICOM.allowEmptyShould(false).check(network);
        JavaClasses bad = synthesise(dir, MODULE + ".dimse.UsesPixelMed", "com.pixelmed.dicom.AttributeList");
        assertThat(PIXELMED_ONLY_IN_DICOM.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void domainPackagesHaveNoJavaFx() {
        noJavaFxOutsideUi(MODULE).allowEmptyShould(false).check(network);
    }

    @Test
    void neverUsesTheModulesBesideOrAboveIt() {
        for (String other : new String[] {"org.lumen.app", "org.lumen.aiassist", "org.lumen.annotation", "org.lumen.testdata"}) {
            noDependency(MODULE, other, "arrows point down only: app -> network -> viewer").allowEmptyShould(false).check(network);
        }
    }

    @Test
    void backgroundWorkGoesThroughTheTaskPackage() {
        BACKGROUND_WORK_THROUGH_TASKS.allowEmptyShould(false).check(network);
    }

    @Test
    void theBackgroundWorkRuleBitesHere(@TempDir Path dir) throws IOException {
        assertThat(BACKGROUND_WORK_THROUGH_TASKS.evaluate(org.lumen.viewer.arch.ArchitectureRules.synthesiseCall(dir, "org.lumen.network.Spawner",
                "java.util.concurrent.Executors", "newCachedThreadPool",
                java.lang.constant.MethodTypeDesc.of(java.lang.constant.ClassDesc.of("java.util.concurrent.ExecutorService"))))
                .hasViolation()).isTrue();
    }
}
