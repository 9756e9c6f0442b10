// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.index.DicomIndex;

/** Datasets, members and their status, label classes with standard codes, people and roles. */
class DatasetStoreTest {

    @TempDir
    Path dir;

    private Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
        for (int i = 1; i <= 3; i++) {
            DicomIndex index = Fixtures.index("2." + i, "P" + i, "ID" + i, "2024010" + i, "CT", "CT", "2." + i + ".1", 1);
            catalog.studies().upsert(index, "test");
        }
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void membersKeepTheirOrderAndStatusAndTheNextCaseIsTheFirstToDo() {
        DatasetRecord ds = catalog.datasets().create("LIDC subset", "nodules >= 3 mm", "lung-nodules v1");

        assertThat(catalog.datasets().addMembers(ds.id(), List.of("2.2.1", "2.1.1", "2.3.1"))).isEqualTo(3);
        assertThat(catalog.datasets().addMembers(ds.id(), List.of("2.1.1"))).as("already a member").isZero();
        catalog.datasets().setStatus(ds.id(), "2.2.1", MemberStatus.DONE);
        catalog.datasets().setStatus(ds.id(), "2.1.1", MemberStatus.IN_PROGRESS);

        assertThat(catalog.datasets().members(ds.id())).extracting(DatasetMember::seriesUid).containsExactly("2.2.1", "2.1.1", "2.3.1");
        assertThat(catalog.datasets().nextCase(ds.id())).get().extracting(DatasetMember::seriesUid).isEqualTo("2.3.1");
        assertThat(catalog.datasets().progress(ds.id())).isEqualTo(new DatasetProgress(3, 1, 1, 1, 0, 0, 0));
        assertThat(catalog.datasets().byName("LIDC subset")).contains(ds);
        assertThat(ds.labelSchema()).isEqualTo("lung-nodules v1");
        assertThat(catalog.counts().datasets()).isEqualTo(1);
        assertThatThrownBy(() -> catalog.datasets().create("LIDC subset", null, null))
                .hasMessage("there already is a dataset called LIDC subset");
        assertThatThrownBy(() -> catalog.datasets().addMembers(ds.id(), List.of("9.9.9")))
                .hasMessage("series 9.9.9 is not in the catalog; import or open its study first");
    }

    @Test
    void labelClassesCarryColourTypeMaskValueAndStandardCodes() {
        DatasetRecord ds = catalog.datasets().create("lung", null, "v1");
        LabelClass nodule = catalog.labelClasses().define(ds.id(), "nodule", "#ff8800", LabelType.MASK, 1,
                new Code("RADLEX", "RID3875", "Nodule"));
        LabelClass lung = catalog.labelClasses().define(ds.id(), "lung", "#00AAFF", LabelType.MASK, 2,
                new Code("SCT", "39607008", "Lung structure"));
        LabelClass landmark = catalog.labelClasses().define(ds.id(), "carina", "#FFFFFF", LabelType.POINT, null, null);
        LabelClass global = catalog.labelClasses().define(null, "nodule", "#FF0000", LabelType.BOX, null, null);

        assertThat(catalog.labelClasses().of(ds.id())).containsExactly(nodule, lung, landmark);
        assertThat(catalog.labelClasses().of(null)).containsExactly(global);
        assertThat(nodule.colour()).isEqualTo("#FF8800");
        assertThat(nodule.code()).isEqualTo(new Code("RADLEX", "RID3875", "Nodule"));
        assertThat(landmark.code()).isNull();
        assertThatThrownBy(() -> catalog.labelClasses().define(ds.id(), "nodule", "#000000", LabelType.MASK, 3, null))
                .hasMessage("dataset " + ds.id() + " already has a label class called nodule");
        assertThatThrownBy(() -> catalog.labelClasses().define(ds.id(), "vessel", "#000000", LabelType.MASK, 1, null))
                .hasMessage("dataset " + ds.id() + " already has a label class with mask value 1");
        assertThatThrownBy(() -> catalog.labelClasses().define(null, "nodule", "#000000", LabelType.BOX, null, null))
                .hasMessage("there already is a global label class called nodule");
        assertThatThrownBy(() -> catalog.labelClasses().define(ds.id(), "x", "red", LabelType.BOX, null, null))
                .hasMessageContaining("#RRGGBB");
    }

    @Test
    void peopleGainRolesButNeverLoseThem() {
        Person first = catalog.people().ensure("  maria ", true, false);
        Person again = catalog.people().ensure("maria", false, true);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.name()).isEqualTo("maria");
        assertThat(again.annotator()).isTrue();
        assertThat(again.reviewer()).isTrue();
        assertThat(catalog.people().all()).containsExactly(again);
    }
}
