// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** Real files of the sample corpus through the 2D path: a 4664×3064 mammogram, YBR and RGB photographs, a multi-frame object. */
class RealImagesTest {

    @TempDir
    Path tmp;

    /** Every frame of the file's (single) series, as 2D inputs. */
    static List<ImageInput> frames(String relative) throws Exception {
        try (Pools pools = new Pools(2)) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FileSource(List.of(Samples.file(relative))), TaskContext.none());
            SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 28));
            try (Volume volume = loader.open(new StackPlanner().plan(index.allSeries().getFirst()))) {
                new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
                List<ImageInput> inputs = new ArrayList<>();
                for (int k = 0; k < volume.sliceCount(); k++) {
                    ImageInput in = ImageInput.of(volume, k);
                    // An image of its own, so what the tests see does not depend on the pixel cache.
                    inputs.add(new ImageInput(copy(in.image()), in.facts()));
                }
                return inputs;
            }
        }
    }

    static ArrayImage copy(PlanarImage image) {
        float[][] planes = new float[image.channels()][image.columns() * image.rows()];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.rows(); y++) {
                for (int x = 0; x < image.columns(); x++) {
                    planes[c][y * image.columns() + x] = image.value(c, x, y);
                }
            }
        }
        return new ArrayImage(image.columns(), image.rows(), planes);
    }

    ModelPackage model(String alias) throws Exception {
        return new ModelRegistry(tmp.resolve("models"), tmp.resolve("cache")).resolve(alias);
    }

    @Test
    void aYbrPhotographArrivesAsTheSameRgbAsItsRgbTwin() throws Exception {
        ImageInput ybr = frames("transfer_syntaxes/pydicom/SC_ybr_full_422_uncompressed.dcm").getFirst();
        ImageInput rgb = frames("transfer_syntaxes/pydicom/SC_rgb_expb.dcm").getFirst();
        assertThat(ybr.facts().photometric()).isEqualTo("YBR_FULL_422");
        assertThat(ybr.facts().colour()).isTrue();
        assertThat(ybr.image().channels()).isEqualTo(3);
        double diff = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    diff += Math.abs(ybr.image().value(c, x, y) - rgb.image().value(c, x, y));
                }
            }
        }
        assertThat(diff / (3 * 100 * 100)).isLessThan(3.0);
    }

    @Test
    void aColourImageIsRefusedByAGreyscaleModelAndAnOtherModalityByTheFundusModel() throws Exception {
        ImageInput rgb = frames("transfer_syntaxes/pydicom/SC_rgb_expb.dcm").getFirst();
        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(rgb), model("demo-chest"), ImageRequest.defaults(), TaskContext.none()))
                .isInstanceOf(OutsideIntendedUseException.class)
                .hasMessageContaining("it is a colour image (RGB); the model reads greyscale images")
                .hasMessageContaining("its modality is OT; the model is for CR or DX");
        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(rgb), model("demo-fundus"), ImageRequest.defaults(), TaskContext.none()))
                .hasMessageEndingWith("its modality is OT; the model is for OP or XC");
    }

    @Test
    void eachFrameOfAMultiFrameObjectIsAnImageOfItsOwn() throws Exception {
        List<ImageInput> frames = frames("multiframe/SC_rgb_rle_2frame.dcm");
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).facts().frame()).isEqualTo(1);
        assertThat(frames.get(1).label()).isEqualTo(frames.get(0).facts().imageUid() + " frame 2");
        StudyResult r = new ImageInferenceEngine().run(frames, model("demo-fundus"), ImageRequest.defaults().withRunOutsideIntendedUse(true),
                TaskContext.none());
        assertThat(r.images()).hasSize(2);
        assertThat(r.images()).allMatch(ImageResult::outsideIntendedUse);
        assertThat(r.contributions()).extracting(StudyResult.Contribution::frame).containsExactly(0, 1);
    }

    @Test
    void aMonochrome1ChestRadiographIsInvertedAndRunsWithinTheChestDemosIntendedUse() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.lumen.viewer.codec.OpenJpeg.isAvailable(),
                org.lumen.viewer.codec.OpenJpeg.unavailableReason());
        String file = "cr_dx_mg/DX_canon_chest_966_fixed.dcm";
        float[] raw;
        try (Pools pools = new Pools(2)) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FileSource(List.of(Samples.file(file))), TaskContext.none());
            SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 28));
            try (Volume volume = loader.open(new StackPlanner().plan(index.allSeries().getFirst()))) {
                var slice = volume.slice(0);
                raw = new float[slice.columns() * slice.rows()];
                for (int y = 0; y < slice.rows(); y++) {
                    for (int x = 0; x < slice.columns(); x++) {
                        raw[y * slice.columns() + x] = (float) slice.value(x, y);
                    }
                }
            }
        }
        ImageInput dx = frames(file).getFirst();
        assertThat(dx.facts().photometric()).isEqualTo("MONOCHROME1");
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : raw) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int w = dx.image().columns();
        for (int i = 0; i < raw.length; i += 9973) {
            assertThat(dx.image().value(0, i % w, i / w)).isEqualTo(min + max - raw[i]);
        }
        StudyResult r = new ImageInferenceEngine().run(List.of(dx), model("demo-chest"), ImageRequest.defaults(), TaskContext.none());
        ImageResult image = r.images().getFirst();
        assertThat(image.outsideIntendedUse()).isFalse();
        assertThat(image.heatmaps().getFirst().step()).isEqualTo(4);
        assertThat(image.facts().viewPosition()).isEqualTo("PA");
    }

    @Test
    void aSpineRadiographIsRefusedByTheChestDemo() throws Exception {
        ImageInput spine = frames("dicomdir/pcir_fileset/77654033/CR1/6154").getFirst();
        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(spine), model("demo-chest"), ImageRequest.defaults(), TaskContext.none()))
                .hasMessageEndingWith(": its Body Part Examined is CSPINE (the spine); the model is for the chest; its study description "
                        + "\"XR C Spine Comp Min 4 Views\" names the spine; the model is for the chest");
    }

    @Test
    void theLargeMammogramRunsInTilesAtNativeResolution() throws Exception {
        ImageInput mg = frames("cr_dx_mg/MG1_JPLY.dcm").getFirst();
        assertThat(mg.image().columns() * (long) mg.image().rows()).isEqualTo(4664L * 3064);
        ModelPackage pkg = model("demo-mammo");
        // The header's view, laterality and orientation, which the index does not keep, are read from the file.
        assertThat(mg.facts().viewPosition()).isEqualTo("MLO");
        assertThat(mg.facts().laterality()).isEqualTo("L");
        assertThat(mg.facts().patientOrientation()).isEqualTo("A\\F");
        // Its Modality is RG (a WG-04 test image), not MG: refused with that reason alone, then run because the reader insists.
        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(mg), pkg, ImageRequest.defaults(), TaskContext.none()))
                .hasMessageEndingWith("is not meant for image " + mg.facts().imageUid() + ": its modality is RG; the model is for MG");
        List<Long> progress = new ArrayList<>();
        TaskContext context = new TaskContext() {
            @Override public void progress(long done, long total) { progress.add(done * 1000 + total); }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return false; }
        };
        StudyResult r = new ImageInferenceEngine().run(List.of(mg), pkg, ImageRequest.defaults().withRunOutsideIntendedUse(true), context);
        ImageResult image = r.images().getFirst();
        assertThat(image.tiles()).isEqualTo(77);
        // Columns run towards anterior (A\F): the chest wall is already on the left, so no flip.
        assertThat(image.transform()).doesNotContain("flipped");
        Heatmap2D map = image.heatmaps().getFirst();
        assertThat(map.step()).isEqualTo(1);
        assertThat(map.columns()).isEqualTo(mg.image().columns());
        // Progress per batch of tiles, as the share of the whole run (one image here: up to 1000 of 1000).
        assertThat(progress).hasSize(image.batches());
        assertThat(progress.getLast()).isEqualTo(1000L * 1000 + 1000);
        System.out.printf("MG1 4664x3064: %d tiles in %d runs, %s; pre %.0f ms, inference %.0f ms, post %.0f ms, %d findings%n",
                image.tiles(), image.batches(), image.transform(), image.timings().preprocessMs(), image.timings().inferenceMs(),
                image.timings().postprocessMs(), image.findings().size());
    }
}
