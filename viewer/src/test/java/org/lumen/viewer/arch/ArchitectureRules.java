// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;

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

    /** The package allowed to make threads, executors and FX-thread hops; everyone else goes through it. */
    public static final String TASK_PACKAGE = "org.lumen.task";

    private static final Set<String> THREAD_FACTORIES = Set.of("ofVirtual", "ofPlatform", "startVirtualThread");

    /**
     * Outside {@code org.lumen.task..}, no class of the module queues work on the FX thread with
     * {@code Platform.runLater} (a call or a method reference), constructs a {@code Thread} (or a subclass) or an
     * {@code ExecutorService}, asks {@code Thread} for a builder, or calls {@code Executors}: background work goes
     * through BackgroundTask and the Pools lanes, FX hops through {@code FxThread}/{@code FxLane} (ADR 0006).
     */
    public static ArchRule backgroundWorkOnlyThroughTasks(String modulePackage) {
        return classes().that().resideInAPackage(modulePackage + "..").and().resideOutsideOfPackage(TASK_PACKAGE + "..")
                .should(makeNoThreadsOfTheirOwn())
                .because("background work goes through org.lumen.task (BackgroundTask, runners, Pools lanes, FxThread): "
                        + "named, bounded, logged, and the UI thread never waits")
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> makeNoThreadsOfTheirOwn() {
        return new ArchCondition<>("make no threads, executors or FX-thread hops of their own") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
                    if (access instanceof JavaCodeUnitAccess<?> call) {
                        String why = forbidden(call.getTarget());
                        if (why != null) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription() + ": " + why));
                        }
                    }
                }
            }
        };
    }

    /** Why calling (or referring to) {@code target} is forbidden outside the task package, or null. */
    private static String forbidden(AccessTarget.CodeUnitAccessTarget target) {
        JavaClass owner = target.getOwner();
        String name = target.getName();
        if (owner.getName().equals("javafx.application.Platform") && name.equals("runLater")) {
            return "Platform.runLater; use org.lumen.task.ui.FxThread or FxLane";
        }
        if (owner.getName().equals("java.util.concurrent.Executors")) {
            return "Executors." + name + "; use a lane of org.lumen.task.Pools";
        }
        if (owner.getName().equals("java.lang.Thread") && THREAD_FACTORIES.contains(name)) {
            return "Thread." + name + "; use a lane of org.lumen.task.Pools";
        }
        if (name.equals(ConstantDescs.INIT_NAME)
                && (owner.getName().equals("java.lang.Thread") || owner.isAssignableTo(Thread.class))) {
            return "a new thread; use a lane of org.lumen.task.Pools";
        }
        if (name.equals(ConstantDescs.INIT_NAME) && owner.isAssignableTo(ExecutorService.class)) {
            return "a new executor " + owner.getSimpleName() + "; use a lane of org.lumen.task.Pools";
        }
        return null;
    }

    /**
     * Writes a public class {@code className} whose static method {@code bad} makes one call — of static method
     * {@code owner.method}, or of constructor {@code new owner(...)} when {@code method} is {@code "<init>"} —
     * with zero/null arguments, and imports it. The class is never loaded, only read by ArchUnit.
     */
    public static JavaClasses synthesiseCall(Path dir, String className, String owner, String method, MethodTypeDesc type)
            throws IOException {
        ClassDesc ownerDesc = ClassDesc.of(owner);
        byte[] bytes = ClassFile.of().build(ClassDesc.of(className), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL).withSuperclass(ConstantDescs.CD_Object);
            cb.withMethodBody("bad", MethodTypeDesc.of(ConstantDescs.CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                boolean constructor = method.equals(ConstantDescs.INIT_NAME);
                if (constructor) {
                    code.new_(ownerDesc).dup();
                }
                for (ClassDesc parameter : type.parameterList()) {
                    TypeKind kind = TypeKind.from(parameter);
                    switch (kind) {
                        case LONG -> code.lconst_0();
                        case FLOAT -> code.fconst_0();
                        case DOUBLE -> code.dconst_0();
                        case REFERENCE -> code.aconst_null();
                        default -> code.iconst_0();
                    }
                }
                if (constructor) {
                    code.invokespecial(ownerDesc, ConstantDescs.INIT_NAME, type).pop();
                } else {
                    code.invokestatic(ownerDesc, method, type);
                    TypeKind result = TypeKind.from(type.returnType());
                    if (result.slotSize() == 1) {
                        code.pop();
                    } else if (result.slotSize() == 2) {
                        code.pop2();
                    }
                }
                code.return_();
            });
        });
        Path file = dir.resolve(className.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        JavaClasses classes = new ClassFileImporter().importPath(dir);
        assertThat(classes.contain(className)).as("synthesised %s", className).isTrue();
        return classes;
    }
}
