// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.trust.AuditQuery;
import org.lumen.app.workflow.trust.AuditWindow;
import org.lumen.app.workflow.trust.PracticeWindow;
import org.lumen.app.workflow.trust.ValidationWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.AuditEntry;
import org.lumen.annotation.catalog.AuditFilter;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The trust views of the real window on a generated chest CT labelled with its own truth: the Validation view runs
 * the demo model over the dataset, draws its figures and stores the operating point; the case it lists opens with
 * the model's output (the AI tab starting from that operating point, named on the card) and the labels; Model in
 * practice counts the decision made there; the audit panel lists and filters what happened and verifies the chain.
 */
class TrustViewsTest extends RealWindowTest {

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().seed(14).size(Size.of(128, 128, 48)).pixelSpacingMm(2.5).sliceSpacingMm(2.5)
            .noduleCount(3).noduleDiameterMm(16, 24).build();
    private static PhantomResult phantom;

    @BeforeAll
    static void generate() throws IOException {
        phantom = Phantoms.writeChestCt(root.resolve("chest"), SPEC);
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, phantom.directory());
    }

    @Test
    void aValidationInTheWindowChoosesTheOperatingPointTheAiTabPracticeAndAuditThenShow(FxRobot robot) throws Exception {
        awaitSettled();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.labelling().catalog() != null));
        var catalog = fx(() -> window.labelling().catalog());
        String series = fx(() -> active().state().volume().plan().seriesUid());
        var geometry = fx(() -> active().state().volume().geometry());
        // The phantom's nodules as the site's annotator labelled them: the dataset's ground truth.
        window.labelling().lane().submit(() -> {
            var dataset = catalog.datasets().create("site cases", "labelled at this site", null);
            catalog.labelClasses().define(dataset.id(), "nodule", "#E6194B", org.lumen.annotation.catalog.LabelType.MASK, 1, null);
            var mask = org.lumen.annotation.mask.NiftiMasks.onGrid(new org.lumen.viewer.nifti.NiftiReader().read(phantom.labelVolumeFile()),
                    geometry, v -> v >= Nodule.FIRST_LABEL ? 1 : 0);
            org.lumen.annotation.export.LabelledCases.add(catalog, dataset, series, new org.lumen.annotation.catalog.MaskPayload(mask, geometry),
                    catalog.people().ensure("annotator", true, false).id(), new org.lumen.annotation.catalog.Origin.Imported("phantom truth"), null);
            return null;
        }).get();

        // The Validation view: the demo model over the dataset, as a background task.
        ValidationWindow validation = fx(() -> window.openValidation());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> validation.datasetChooser().getItems().contains("site cases")));
        fx(() -> {
            validation.datasetChooser().setValue("site cases");
            validation.modelChooser().setValue("demo");
            validation.validate();
            return null;
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> validation.result() != null));
        var result = fx(validation::result);
        assertThat(result.cases()).hasSize(1);
        assertThat(result.froc().lesions()).isEqualTo(phantom.nodules().size());
        assertThat(fx(() -> validation.summaryLabel().getText())).contains("demo", "site cases", "CPM", "At 1 FP/scan");
        var curve = fx(() -> validation.frocChart().getData().getFirst().getData().size());
        assertThat(curve).as("the FROC curve from the origin through the model's candidates").isGreaterThan(1);
        assertThat(fx(() -> validation.subgroupChart().getData().getFirst().getData())).isNotEmpty();
        assertThat(fx(() -> validation.claimsTable().getItems())).hasSameSizeAs(result.claims());
        // The claims are compared at the card's threshold, the cases counted at the operating point: each says which.
        String card = String.format(java.util.Locale.ROOT, "%.3f", result.atCardThreshold().threshold());
        String chosen = Double.isInfinite(result.operatingPoint().threshold()) ? "none"
                : String.format(java.util.Locale.ROOT, "%.3f", result.operatingPoint().threshold());
        assertThat(fx(() -> validation.claimsTable().getColumns().get(2).getText())).isEqualTo("This site at " + card + " (95 % CI)");
        assertThat(fx(() -> validation.casesTable().getColumns().get(4).getText())).startsWith("FP at " + chosen);
        assertThat(fx(() -> validation.casesTable().getColumns().get(3).getText())).startsWith("Found at " + chosen);
        assertThat(fx(() -> validation.casesTable().getItems())).singleElement().satisfies(row -> {
            assertThat(row.seriesUid()).isEqualTo(series);
            assertThat(row.lesions()).isEqualTo(phantom.nodules().size());
        });
        // The truth is a mask and the demo model gives a heatmap: the Dice tab is drawn; no class scores, so no ROC.
        assertThat(result.segmentation()).isNotNull();
        assertThat(fx(() -> validation.diceChart().getData().getFirst().getData().stream().mapToInt(d -> d.getYValue().intValue()).sum()))
                .isEqualTo(1);
        assertThat(fx(() -> validation.figureTabs().getTabs().stream().filter(t -> !t.isDisable()).map(t -> t.getText()).toList()))
                .containsExactly("FROC", "Dice");
        assertThat(fx(() -> validation.summaryLabel().getText())).contains("Segmentation: mean Dice");
        Shots.take(validation.stage().getScene(), root, "validation-view");
        fx(() -> {
            validation.figureTabs().getSelectionModel().select(3);
            return null;
        });
        Shots.take(validation.stage().getScene(), root, "validation-view-dice");
        fx(() -> {
            validation.figureTabs().getSelectionModel().select(0);
            return null;
        });

        // Choose its operating point, as `lumen validate --choose` does.
        fx(() -> {
            validation.chooseOperatingPoint();
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> validation.chosenLabel().getText().startsWith("Score ≥")));
        var point = window.labelling().lane().submit(() -> catalog.operatingPoints().current(result.modelId())).get().orElseThrow();
        assertThat(point.threshold()).isEqualTo(result.operatingPoint().threshold());
        assertThat(point.dataset()).isEqualTo("site cases");

        // The worst case opens with the labels and the model's output; the AI tab starts from the site's operating point.
        fx(() -> {
            validation.casesTable().getSelectionModel().select(0);
            validation.openSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null && window.labelling().session() != null
                && window.findingsPanel().operatingPoint() != null));
        assertThat(fx(() -> window.labelling().session().seriesUid())).isEqualTo(series);
        assertThat(fx(() -> window.findingsPanel().operatingPoint())).isEqualTo(point.threshold());
        assertThat(fx(() -> window.findingsPanel().heatmapThreshold())).isCloseTo(point.threshold(), within(1e-9));
        assertThat(fx(() -> window.findingsPanel().cardText())).contains(String.format(java.util.Locale.ROOT, "Site operating point: score ≥ %.3f",
                point.threshold()), "from the validation on site cases");
        Shots.take(window.scene(), root, "ai-tab-operating-point");

        // A decision there, then Model in practice counts it.
        Thread.sleep(500); // the run's record reaches the catalog first
        var top = fx(() -> window.ai().result().findings().getFirst());
        fx(() -> {
            window.findingsPanel().decide(top, org.lumen.aiassist.findings.FindingDecision.ACCEPT);
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() ->
                catalog.practice().of(result.modelId(), null).decided() == 1).get());
        PracticeWindow practice = fx(() -> window.openPractice());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> practice.shown() != null && practice.shown().decided() == 1));
        assertThat(fx(() -> practice.text().getText())).contains("1 decided", "Accepted 100 %", "Site operating point: score ≥");
        assertThat(fx(() -> practice.bandChart().getData().getFirst().getData())).isNotEmpty();
        Shots.take(practice.stage().getScene(), root, "model-in-practice");

        // The audit panel: everything above, filterable, and a chain that verifies.
        AuditWindow audit = fx(() -> window.openAudit());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !audit.table().getItems().isEmpty()));
        assertThat(fx(() -> audit.table().getItems().stream().map(AuditEntry::action).toList()))
                .contains("study-opened", "validation", "setting-changed", "ai-shown", "finding-decided");
        fx(() -> {
            audit.actionChooser().setValue("validation");
            audit.reload();
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> audit.table().getItems().stream().allMatch(e -> e.action().equals("validation"))));
        assertThat(fx(() -> audit.table().getItems())).singleElement().satisfies(e -> assertThat(e.detail()).contains("\"dataset\":\"site cases\""));
        fx(() -> {
            audit.actionChooser().setValue(AuditQuery.ANY_ACTION);
            audit.studyField().setText(fx(() -> window.activeStudy().orElseThrow().studyUid()));
            audit.reload();
            audit.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> audit.verdictLabel().getText().startsWith("Audit trail intact")));
        long all = window.labelling().lane().submit(() -> catalog.audit().list(AuditFilter.ALL).size()).get();
        assertThat(fx(() -> audit.verdictLabel().getText())).contains(all + " entries checked");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> audit.table().getItems().stream().noneMatch(e -> e.action().equals("validation"))
                && !audit.table().getItems().isEmpty()));
        Shots.take(audit.stage().getScene(), root, "audit-panel");
        fx(() -> {
            audit.sinceField().setText("yesterday");
            audit.reload();
            return null;
        });
        assertThat(fx(() -> audit.statusLabel().getText())).startsWith("Since takes a day (2026-12-07)");
    }
}
