// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.dicom.SegmentationExport;
import org.lumen.annotation.exchange.AlgorithmType;
import org.lumen.annotation.exchange.SegmentDefinition;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A study folder holding a CT series and a DICOM SEG drawn on it: the window shows the SEG's segments
 * over the series, outlined in the segments' own colours (read back from their CIELab values).
 */
class SegmentationSnapshotTest {

    private static final int LUNG = 2;
    /** Pure green: no grey CT pixel and no chrome colour is near it. */
    private static final int GREEN = 0x00FF00;

    @Test
    void theWindowOutlinesTheSegmentsOfASegOverItsSeries(@TempDir Path folder) throws Exception {
        ChestCtSpec spec = ChestCtSpec.builder().seed(3).size(Size.of(96, 96, 24)).pixelSpacingMm(3.5).sliceSpacingMm(5)
                .noduleCount(1).build();
        Path study = folder.resolve("study");
        PhantomResult ct = Phantoms.writeChestCt(study.resolve("ct"), spec);
        PhantomVolume truth = Phantoms.renderChestCt(spec);
        LabelMask mask = new LabelMask(96, 96, 24);
        for (int k = 0; k < 24; k++) {
            for (int j = 0; j < 96; j++) {
                for (int i = 0; i < 96; i++) {
                    mask.set(i, j, k, truth.label(i, j, k) == LUNG ? 1 : 0);
                }
            }
        }
        SourceSeries source;
        try (Pools pools = new Pools(2)) {
            var index = new Indexer(pools.io(), 2).index(new FolderSource(ct.directory()), TaskContext.none());
            source = SourceSeries.of(new StackPlanner().plan(index.allSeries().getFirst()));
        }
        SegmentationExport.write(source, mask, List.of(SegmentDefinition.of(new LabelClass(1, null, "Lung", "#00ff00", LabelType.MASK, 1,
                new Code("SCT", "39607008", "Lung")), AlgorithmType.MANUAL, null)),
                new SegmentationExport.Description("Lungs", 99, "LUNGS", null, "Tester^Tom", "test"), study.resolve("lungs-seg.dcm"));

        Path without = folder.resolve("without.png");
        Path with = Files.createDirectories(folder.resolve("shots")).resolve("ct-with-seg.png");
        CliRun plain = lumen("snapshot", ct.directory().toString(), "--window", "lung", "--size", "960x600", "--out", without.toString());
        CliRun shown = lumen("snapshot", study.toString(), "--window", "lung", "--size", "960x600", "--out", with.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(shown.exitCode()).as(shown.err()).isZero();

        assertThat(greenPixels(ImageIO.read(without.toFile()))).isZero();
        assertThat(greenPixels(ImageIO.read(with.toFile()))).as("outline pixels in %s", with).isGreaterThan(100);
        String shots = System.getProperty("lumen.shots");
        if (shots != null && !shots.isBlank()) {
            Files.copy(with, Files.createDirectories(Path.of(shots)).resolve("ct-with-seg.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int greenPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                n += g > 200 && r < 60 && b < 60 && Math.abs(rgb - GREEN) < 0x3C3C3C ? 1 : 0;
            }
        }
        return n;
    }
}
