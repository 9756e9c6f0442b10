// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.model.IntendedUse;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.aiassist.model.IntendedUseAssessment.Verdict;
import org.lumen.aiassist.model.IntendedUseCheck;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.SeriesFacts;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * The bundled chest-CT demo model's intended use against real series read by the viewer: the head
 * CT that it once called a 186 mm "nodule" is refused for its body part, the MR for its modality, a
 * series with a missing slice for not being a regular volume; its own chest phantom passes.
 */
class VolumeFactsTest {

    @TempDir
    static Path tmp;

    private static Pools pools;
    private static IntendedUse demo;

    @BeforeAll
    static void setUp() throws Exception {
        pools = new Pools(2);
        demo = new ModelPackageReader(tmp.resolve("unpacked")).read(DemoModel.ensure(tmp.resolve("demo"))).card().intendedUseCriteria();
    }

    @AfterAll
    static void tearDown() {
        pools.close();
    }

    @Test
    void theDemoCardDeclaresChestCtWithSliceLimitsARegularVolumeAndHu() {
        assertThat(demo.declared()).isTrue();
        assertThat(demo.modalities()).containsExactly("CT");
        assertThat(demo.bodyParts()).containsExactly(org.lumen.aiassist.model.BodyRegion.CHEST);
        assertThat(demo.sliceSpacing()).isEqualTo(new IntendedUse.Limits(DemoModel.MIN_SLICE_MM, DemoModel.MAX_SLICE_MM));
        assertThat(demo.sliceThickness()).isEqualTo(new IntendedUse.Limits(DemoModel.MIN_SLICE_MM, DemoModel.MAX_SLICE_MM));
        assertThat(demo.regularVolume()).isTrue();
        assertThat(demo.valueRange()).isEqualTo(new IntendedUse.ValueRange(-1024, 3071, "HU"));
    }

    @Test
    void aHeadCtIsRefusedForItsBodyPartByTagDescriptionsAndFieldOfView() throws Exception {
        SeriesFacts facts = facts(Samples.file("ct_series/philips_phantom_std_brain_1mm"));
        assertThat(facts.modality()).isEqualTo("CT");
        assertThat(facts.regularVolume()).isTrue();
        assertThat(facts.sliceSpacingMm()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(facts.fieldOfViewMm()).isEqualTo(231.0, org.assertj.core.data.Offset.offset(0.1));

        IntendedUseAssessment a = IntendedUseCheck.check(demo, facts);

        assertThat(a.verdict()).isEqualTo(Verdict.OUTSIDE);
        assertThat(a.reasons()).containsExactly(
                "its Body Part Examined is BRAIN (the head); the model is for the chest",
                "its study description \"1A TRAUMA/PLAIN HEAD DM\" names the head; the model is for the chest",
                "its series description \"STD BRAIN 1MM, iDose\" names the head; the model is for the chest",
                "its field of view is 231 mm across, too small to hold the chest (at least 260 mm in an adult; a head is about "
                        + "150-250 mm across); the model is for the chest");
    }

    @Test
    void anMrIsRefusedForItsModalityAndItsValuesThatAreNotHu() throws Exception {
        IntendedUseAssessment a = IntendedUseCheck.check(demo, facts(Samples.file("mr_series/ge_sag_ir_spgr")));

        assertThat(a.verdict()).isEqualTo(Verdict.OUTSIDE);
        assertThat(a.reasons().getFirst()).isEqualTo("its modality is MR; the model is for CT");
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r).startsWith("its values run from ")
                .contains("never reach the low end of the model's -1024 to 3071 HU"));
    }

    @Test
    void theChestPhantomIsWithinItsIntendedUse() throws Exception {
        PhantomResult phantom = Phantoms.writeChestCt(tmp.resolve("chest"), ChestCtSpec.builder().seed(2).size(Size.of(96, 96, 24))
                .sliceSpacingMm(2.5).noduleCount(1).noiseSigmaHu(10).build());

        IntendedUseAssessment a = IntendedUseCheck.check(demo, facts(phantom.directory()));

        assertThat(a.reasons()).isEmpty();
        assertThat(a.verdict()).isEqualTo(Verdict.WITHIN);
    }

    @Test
    void aSeriesWithAMissingSliceIsNotARegularVolume() throws Exception {
        PhantomResult phantom = Phantoms.writeChestCt(tmp.resolve("gap"), ChestCtSpec.builder().seed(4).size(Size.of(64, 64, 16))
                .sliceSpacingMm(2).noduleCount(0).build());
        List<Path> files;
        try (Stream<Path> list = Files.list(phantom.directory())) {
            files = list.filter(f -> f.toString().endsWith(".dcm")).sorted().toList();
        }
        Files.delete(files.get(files.size() / 2));

        SeriesFacts facts = facts(phantom.directory());
        IntendedUseAssessment a = IntendedUseCheck.check(demo, facts);

        assertThat(facts.regularVolume()).isFalse();
        assertThat(a.verdict()).isEqualTo(Verdict.OUTSIDE);
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r).startsWith("its slices do not form a regular volume (")
                .endsWith("); the model needs one"));
    }

    private static SeriesFacts facts(Path folder) throws Exception {
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(folder), TaskContext.none());
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 27));
        try (Volume volume = loader.open(new StackPlanner().plan(index.allSeries().getFirst()))) {
            new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
            return VolumeFacts.of(volume, new VolumeSeriesInput(volume));
        }
    }
}
