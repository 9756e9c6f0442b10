// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rules of ARCHITECTURE.md that every module checks, and a way to prove a rule can fail: a
 * class synthesised on the spot that breaks it. Shared through viewer's test jar.
 */
public final class ArchitectureRules {

    private ArchitectureRules() { }

    /** Classes in {@code from..} do not use classes in {@code to..}. Allows modules with no classes yet. */
    public static ArchRule noDependency(String from, String to, String because) {
        return noClasses().that().resideInAPackage(from + "..")
                .should().dependOnClassesThat().resideInAPackage(to + "..")
                .because(because)
                .allowEmptyShould(true);
    }

    /** Outside {@code ..ui..} (and the extra packages given), no class of the module uses JavaFX. */
    public static ArchRule noJavaFxOutsideUi(String modulePackage, String... alsoAllowed) {
        var outside = noClasses().that().resideInAPackage(modulePackage + "..").and().resideOutsideOfPackage("..ui..");
        for (String allowed : alsoAllowed) {
            outside = outside.and().resideOutsideOfPackage(allowed + "..");
        }
        return outside.should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("domain packages are tested without a UI; JavaFX lives in ..ui packages")
                .allowEmptyShould(true);
    }

    /** No class of the module uses PixelMed. */
    public static ArchRule noPixelMed(String modulePackage) {
        return noDependency(modulePackage, "com.pixelmed", "all PixelMed calls stay inside the viewer's dicom package");
    }

    /** Writes a public class {@code className} with one public field of each given type, and imports it. */
    public static JavaClasses synthesise(Path dir, String className, String... fieldTypes) throws IOException {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(className), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL).withSuperclass(ConstantDescs.CD_Object);
            for (int i = 0; i < fieldTypes.length; i++) {
                cb.withField("field" + i, ClassDesc.of(fieldTypes[i]), ClassFile.ACC_PUBLIC);
            }
        });
        Path file = dir.resolve(className.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        JavaClasses classes = new ClassFileImporter().importPath(dir);
        assertThat(classes.contain(className)).as("synthesised %s", className).isTrue();
        return classes;
    }
}
