// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.review.ReviewCases;

/**
 * The dataset panel's logic on a real catalog (dataset "lung" with two cases): choosing and creating
 * datasets, their classes and progress, adding the open series, marking it done and the next case.
 */
class DatasetViewModelTest {

    private static final Executor NOW = Runnable::run;

    @TempDir
    Path dir;

    private ReviewCases cases;
    private final List<String> reported = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final List<String> chosen = new ArrayList<>();
    private String openSeries;
    private DatasetViewModel model;

    @BeforeEach
    void open() {
        cases = ReviewCases.open(dir);
        model = new DatasetViewModel(() -> cases.catalog, NOW, NOW, reported::add);
        model.setOpenSeries(() -> openSeries);
        model.setOnOpenCase(opened::add);
        model.setOnChosen(d -> chosen.add(d.name()));
    }

    @AfterEach
    void close() {
        cases.close();
    }

    @Test
    void theFirstDatasetIsChosenWithItsClassesAndProgress() {
        model.reload();

        assertThat(model.state().datasets()).extracting(DatasetRecord::name).containsExactly("lung");
        assertThat(model.chosen().name()).isEqualTo("lung");
        assertThat(chosen).containsExactly("lung");
        assertThat(model.state().classes()).isEqualTo("Classes: Nodule, Mass");
        assertThat(model.state().progress()).isEqualTo("2 cases: 2 to do, 0 in progress, 0 done, 0 skipped; 0 submitted, 0 approved");
    }

    @Test
    void aNewDatasetTakesItsSchemaOrTheDefaultsAndIsChosen() {
        model.reload();
        List<String> cleared = new ArrayList<>();
        model.create("  liver ", "Lesion, Vessel", "", () -> cleared.add("fields"));

        DatasetRecord liver = model.chosen();
        assertThat(liver.name()).isEqualTo("liver");
        assertThat(cleared).containsExactly("fields");
        assertThat(model.state().datasets()).extracting(DatasetRecord::name).containsExactly("lung", "liver");
        assertThat(cases.catalog.labelClasses().of(liver.id())).extracting(LabelClass::name).startsWith("Lesion", "Vessel")
                .hasSizeGreaterThan(2);
        assertThat(model.state().classes()).startsWith("Classes: Lesion, Vessel; classified as ");
        assertThat(model.state().progress()).isEqualTo("0 cases: 0 to do, 0 in progress, 0 done, 0 skipped; 0 submitted, 0 approved");
        assertThat(chosen).containsExactly("lung", "liver");

        model.reload();
        assertThat(model.chosen().name()).as("reloading keeps the chosen dataset").isEqualTo("liver");
    }

    @Test
    void aDatasetNeedsANameAndAUsableSchema() {
        model.reload();
        model.create("  ", "", "", () -> reported.add("cleared"));
        model.create("bad", "Nodule, Nodule", "", () -> reported.add("cleared"));

        assertThat(reported).hasSize(2);
        assertThat(reported.getFirst()).isEqualTo("A dataset needs a name.");
        assertThat(reported.get(1)).startsWith("The label schema cannot be used: ").endsWith(".");
        assertThat(cases.catalog.datasets().all()).hasSize(1);
    }

    @Test
    void theOpenSeriesIsAddedMarkedDoneAndTheNextCaseOpens() {
        model.addOpenSeries();
        assertThat(reported).containsExactly("Choose or create a dataset first.");
        model.reload();
        model.addOpenSeries();
        assertThat(reported).containsExactly("Choose or create a dataset first.", "Open a series first.");

        openSeries = ReviewCases.SERIES;
        model.markDone();
        assertThat(cases.catalog.datasets().member(cases.dataset.id(), ReviewCases.SERIES).orElseThrow().status()).isEqualTo(MemberStatus.DONE);
        assertThat(model.state().progress()).isEqualTo("2 cases: 1 to do, 0 in progress, 1 done, 0 skipped; 0 submitted, 0 approved");

        model.nextCase();
        assertThat(opened).containsExactly(ReviewCases.OTHER_SERIES);

        openSeries = ReviewCases.OTHER_SERIES;
        model.markDone();
        model.nextCase();
        assertThat(reported).last().isEqualTo("Every case of lung is labelled.");
    }

    @Test
    void exportNeedsAChosenDataset() {
        List<String> exported = new ArrayList<>();
        model.setOnExport(d -> exported.add(d.name()));
        model.export();
        model.reload();
        model.export();

        assertThat(reported).containsExactly("Choose a dataset first: Export… writes its labelled cases for a trainer, de-identified.");
        assertThat(exported).containsExactly("lung");
    }

    @Test
    void withTheCatalogNotOpenTheCallsSaySo() {
        DatasetViewModel closed = new DatasetViewModel(() -> null, NOW, NOW, reported::add);
        closed.reload();
        assertThat(reported).containsExactly("The catalog is not open.");
        assertThat(closed.state().datasets()).isEmpty();
    }
}
