// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.demo.ImageDemoModels;
import org.lumen.aiassist.testing.TestModels;

class ModelRegistryTest {

    @TempDir
    Path tmp;

    private ModelRegistry registry() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        ObjectNode card = TestModels.card("lungs", 8, 8, 8);
        TestModels.writePackage(models.resolve("lungs-1.2.0"), TestModels.identity3d(), card.put("version", "1.2.0"));
        TestModels.writePackage(models.resolve("lungs-1.10.0"), TestModels.identity3d(), card.put("version", "1.10.0"));
        ObjectNode broken = TestModels.card("broken", 8, 8, 8);
        TestModels.writeRaw(models.resolve("broken"), TestModels.identity3d(), broken);
        TestModels.writePackage(tmp.resolve("zipme"), TestModels.identity3d(), TestModels.card("zipped", 8, 8, 8));
        ModelPackageReaderTest.zip(tmp.resolve("zipme"), models.resolve("zipped.zip"), "");
        Files.writeString(models.resolve("notes.txt"), "not a package");
        return new ModelRegistry(models, tmp.resolve("cache"));
    }

    @Test
    void listsTheBundledDemoThenEveryPackageWithRefusalsSaid() throws Exception {
        List<RegistryEntry> entries = registry().installed();

        assertThat(entries).hasSize(8);
        assertThat(entries.getFirst().bundled()).isTrue();
        assertThat(entries.getFirst().model().id()).isEqualTo(DemoModel.ID);
        RegistryEntry broken = entries.stream().filter(e -> !e.isValid()).findFirst().orElseThrow();
        assertThat(broken.source().getFileName()).hasToString("broken");
        assertThat(broken.refusal().reason()).isEqualTo(Refusal.CHECKSUM_MISMATCH);
        assertThat(entries.stream().filter(RegistryEntry::isValid).map(e -> e.model().id() + "@" + e.model().version()))
                .containsExactly(DemoModel.ID + "@" + DemoModel.VERSION, "lumen-demo-mammo-calcifications@" + ImageDemoModels.VERSION,
                        "lumen-demo-chest-nodules@" + ImageDemoModels.VERSION, "lumen-demo-fundus-lesions@" + ImageDemoModels.VERSION, "lungs@1.10.0", "lungs@1.2.0", "zipped@1.0.0");
    }

    @Test
    void resolvesDemoIdsVersionsAndPaths() throws Exception {
        ModelRegistry registry = registry();

        assertThat(registry.resolve("demo").bundled()).isTrue();
        assertThat(registry.resolve("lungs").version()).isEqualTo("1.10.0");
        assertThat(registry.resolve("lungs@1.2.0").version()).isEqualTo("1.2.0");
        assertThat(registry.resolve("zipped").id()).isEqualTo("zipped");
        assertThat(registry.resolve(tmp.resolve("zipme").toString()).id()).isEqualTo("zipped");
    }

    @Test
    void anUnknownNameListsWhatIsInstalled() throws Exception {
        assertThatThrownBy(() -> registry().resolve("liver"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no installed model 'liver' and no such folder or zip; installed: ")
                .hasMessageContaining("lungs 1.10.0");
    }

    @Test
    void aRefusedPackageNamedByItsFolderSaysWhy() throws Exception {
        assertThatThrownBy(() -> registry().resolve("broken"))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("sha256");
    }

    @Test
    void versionsCompareNumberByNumber() {
        assertThat(ModelRegistry.compareVersions("1.10.0", "1.9.3")).isPositive();
        assertThat(ModelRegistry.compareVersions("2.0", "2.0.0")).isZero();
        assertThat(ModelRegistry.compareVersions("1.0.0-beta", "1.0.0")).isPositive();
    }
}
