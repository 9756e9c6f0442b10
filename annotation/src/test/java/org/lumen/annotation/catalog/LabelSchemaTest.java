// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A label schema typed by the annotator becomes the dataset's classes in a real catalog. */
class LabelSchemaTest {

    @TempDir
    Path dir;

    @Test
    void drawnClassesBecomeMasksWithValuesAndColoursAndTheRestClassifications() {
        LabelSchema schema = LabelSchema.parse(" Liver, Lesion,, Vessel ", "normal,  abnormal");
        assertThat(schema.drawn()).containsExactly("Liver", "Lesion", "Vessel");
        assertThat(schema.describe()).isEqualTo("Liver, Lesion, Vessel; classified as normal, abnormal");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            DatasetRecord ds = catalog.datasets().create("Liver", "test", schema.describe());
            schema.defineIn(catalog.labelClasses(), ds.id());
            assertThat(catalog.labelClasses().of(ds.id()))
                    .extracting(LabelClass::name, LabelClass::type, LabelClass::maskValue, LabelClass::colour)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Liver", LabelType.MASK, 1, "#E6194B"),
                            org.assertj.core.groups.Tuple.tuple("Lesion", LabelType.MASK, 2, "#F58231"),
                            org.assertj.core.groups.Tuple.tuple("Vessel", LabelType.MASK, 3, "#4363D8"),
                            org.assertj.core.groups.Tuple.tuple("abnormal", LabelType.CLASSIFICATION, null, "#FFE119"),
                            org.assertj.core.groups.Tuple.tuple("normal", LabelType.CLASSIFICATION, null, "#3CB44B"));
        }
    }

    @Test
    void aSchemaWithoutDrawnClassesOrWithARepeatedNameIsRefusedWithAReason() {
        assertThatThrownBy(() -> LabelSchema.parse(" , ", "normal")).hasMessageContaining("at least one class to draw");
        assertThatThrownBy(() -> LabelSchema.parse("Nodule, nodule", "")).hasMessageContaining("'nodule' is named twice");
        assertThatThrownBy(() -> LabelSchema.parse("Normal", "normal")).hasMessageContaining("named twice");
        assertThat(LabelSchema.DEFAULT.classifications()).containsExactly("normal", "nodule present", "uncertain");
    }
}
