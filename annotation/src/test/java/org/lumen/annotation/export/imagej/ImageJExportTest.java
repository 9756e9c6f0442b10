// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export.imagej;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.measure.Calibration;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;

/** Writes a case and reads it back with ImageJ's own opener and ROI decoder, as Fiji does. */
class ImageJExportTest {

    private static final int NX = 24;
    private static final int NY = 20;
    private static final int NZ = 6;
    private static final Vec3 ORIGIN = new Vec3(-40, -30, 12);
    private static final NiftiGeometry GRID = new NiftiGeometry(NX, NY, NZ, ORIGIN,
            new Vec3(0.75, 0, 0), new Vec3(0, 0.5, 0), new Vec3(0, 0, 2.5));
    private static final List<ImageJCase.LabelColour> CLASSES = List.of(
            new ImageJCase.LabelColour(1, "nodule", "#FF8000"), new ImageJCase.LabelColour(2, "vessel", "#00C0FF"));

    @TempDir
    Path folder;

    @Test
    void theHyperstackReadsBackWithTheValuesLabelsCalibrationAndClassColours() throws Exception {
        short[] voxels = new short[NX * NY * NZ];
        byte[] labels = new byte[voxels.length];
        for (int n = 0; n < voxels.length; n++) {
            voxels[n] = (short) ((n * 37) % 3000 - 1024);
            labels[n] = (byte) (n % 7 == 0 ? 1 : n % 11 == 0 ? 2 : 0);
        }
        ImageJExport.Written written = new ImageJExport().write(
                new ImageJCase("CASE_001", GRID, voxels, labels, CLASSES, List.of(), new ImageJCase.Window(40, 400)), folder);

        assertThat(written.roiSet()).isNull();
        ImagePlus image = IJ.openImage(written.tiff().toString());
        assertThat(image.getNChannels()).isEqualTo(2);
        assertThat(image.getNSlices()).isEqualTo(NZ);
        assertThat(image.getNFrames()).isEqualTo(1);
        assertThat(image.isComposite()).isTrue();
        // TIFF keeps the resolution as a rational number of pixels per unit: a micro-millimetre of rounding.
        Calibration calibration = image.getCalibration();
        assertThat(calibration.getUnit()).isEqualTo("mm");
        assertThat(calibration.pixelWidth).isCloseTo(0.75, within(1e-6));
        assertThat(calibration.pixelHeight).isCloseTo(0.5, within(1e-6));
        assertThat(calibration.pixelDepth).isCloseTo(2.5, within(1e-6));
        for (int k = 0; k < NZ; k++) {
            var values = image.getStack().getProcessor(image.getStackIndex(1, k + 1, 1));
            var mask = image.getStack().getProcessor(image.getStackIndex(2, k + 1, 1));
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    int n = (k * NY + j) * NX + i;
                    assertThat(calibration.getCValue(values.get(i, j))).isEqualTo(voxels[n]);
                    assertThat(calibration.getCValue(mask.get(i, j))).isEqualTo(labels[n]);
                }
            }
        }
        CompositeImage composite = (CompositeImage) image;
        Color nodule = new Color(composite.getChannelLut(2).getRGB(1));
        assertThat(nodule).isEqualTo(new Color(0xFF, 0x80, 0x00));
        assertThat(new Color(composite.getChannelLut(2).getRGB(2))).isEqualTo(new Color(0x00, 0xC0, 0xFF));
        assertThat(composite.getChannelLut(2).min).isEqualTo(32768);
        assertThat(composite.getChannelLut(1).min).isEqualTo(32768 + 40 - 200);
        assertThat(image.getInfoProperty()).contains("origin = -40.000000 -30.000000 12.000000")
                .contains("kStep = 0.000000 0.000000 2.500000").contains("1 = nodule").contains("2 = vessel");
    }

    @Test
    void shapesBecomeRoisOnTheirSlicesAndCrossSliceShapesAreLeftOutWithTheReason() throws Exception {
        Vec3 pointAt = GRID.voxelCentre(5, 7, 2);
        PointLabel point = new PointLabel(UUID.randomUUID(), "1.2.3", "1.2.3.4", "nodule", pointAt);
        LineLabel flat = new LineLabel(UUID.randomUUID(), "1.2.3", "1.2.3.4", "vessel",
                GRID.voxelCentre(2, 2, 4), GRID.voxelCentre(10, 6, 4));
        LineLabel across = new LineLabel(UUID.randomUUID(), "1.2.3", "1.2.3.4", "vessel",
                GRID.voxelCentre(2, 2, 1), GRID.voxelCentre(2, 2, 3));
        // A box 6 mm wide (8 columns) and 4 mm high (8 rows) around voxel (12, 10, 3), 5 mm deep: slices 2 to 4.
        BoxLabel box = BoxLabel.around("1.2.3", "1.2.3.4", "nodule", GRID.voxelCentre(12, 10, 3), new Vec3(6, 4, 5));
        BoxLabel onReformat = new BoxLabel(UUID.randomUUID(), "1.2.3", "1.2.3.4", "nodule", GRID.voxelCentre(12, 10, 3),
                new Vec3(1, 0, 0), new Vec3(0, 0, 1), 6, 6, 0);
        List<VectorLabel> shapes = List.of(point, flat, across, box, onReformat);

        ImageJExport.Written written = new ImageJExport().write(new ImageJCase("CASE_002", GRID, new short[NX * NY * NZ],
                new byte[NX * NY * NZ], CLASSES, shapes, new ImageJCase.Window(0, 100)), folder);

        assertThat(written.rois()).isEqualTo(5);
        assertThat(written.leftOut()).hasSize(2);
        assertThat(written.leftOut().get(0)).contains("line").contains("from slice 2 to 4").contains("one slice");
        assertThat(written.leftOut().get(1)).contains("box").contains("reformat");

        List<Roi> rois = readRoiSet(written.roiSet());
        assertThat(rois).hasSize(5);
        Roi pointRoi = rois.stream().filter(r -> r.getType() == Roi.POINT).findFirst().orElseThrow();
        assertThat(pointRoi.getZPosition()).isEqualTo(3);
        assertThat(pointRoi.getFloatPolygon().xpoints[0]).isCloseTo(5.5f, within(1e-4f));
        assertThat(pointRoi.getFloatPolygon().ypoints[0]).isCloseTo(7.5f, within(1e-4f));
        assertThat(pointRoi.getStrokeColor()).isEqualTo(new Color(0xFF, 0x80, 0x00));

        Roi lineRoi = rois.stream().filter(r -> r.getType() == Roi.LINE).findFirst().orElseThrow();
        assertThat(lineRoi.getZPosition()).isEqualTo(5);
        assertThat(lineRoi.getLength()).isCloseTo(Math.hypot(8, 4), within(1e-6));

        List<Roi> boxes = rois.stream().filter(r -> r.getType() == Roi.RECTANGLE).toList();
        assertThat(boxes).extracting(Roi::getZPosition).containsExactly(3, 4, 5);
        var bounds = boxes.get(0).getFloatBounds();
        assertThat(bounds.x).isCloseTo(12 - 4 + 0.5, within(1e-6));
        assertThat(bounds.y).isCloseTo(10 - 4 + 0.5, within(1e-6));
        assertThat(bounds.width).isCloseTo(8, within(1e-6));
        assertThat(bounds.height).isCloseTo(8, within(1e-6));
        assertThat(boxes.get(0).getName()).startsWith("nodule");

        ImagePlus image = IJ.openImage(written.tiff().toString());
        assertThat(image.getOverlay()).isNotNull();
        assertThat(image.getOverlay().size()).isEqualTo(5);
    }

    @Test
    void aCaseWithoutAMaskIsAPlainCalibratedStack() throws Exception {
        short[] voxels = new short[NX * NY * NZ];
        voxels[5] = -1000;
        ImageJExport.Written written = new ImageJExport().write(
                new ImageJCase("CASE_003", GRID, voxels, null, List.of(), List.of(), new ImageJCase.Window(40, 400)), folder);
        ImagePlus image = IJ.openImage(written.tiff().toString());
        assertThat(image.getNChannels()).isEqualTo(1);
        assertThat(image.getNSlices()).isEqualTo(NZ);
        assertThat(image.getCalibration().getCValue(image.getStack().getProcessor(1).get(5, 0))).isEqualTo(-1000);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("CASE_003.tif");
        }
    }

    private static List<Roi> readRoiSet(Path zipFile) throws Exception {
        List<Roi> rois = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                rois.add(new RoiDecoder(zip.readAllBytes(), entry.getName()).getRoi());
            }
        }
        return rois;
    }
}
