// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.task.TaskContext;
import org.lumen.testdata.GroundTruth;
import org.lumen.testdata.PhantomResult;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;

/** {@code --format imagej} on generated patients, read back with ImageJ's own opener and ROI decoder, as Fiji does. */
class FijiExportTest {

    @TempDir
    static Path folder;

    private static PhantomCases cases;
    private static ExportSummary fiji;
    private static ExportSummary nifti;

    @BeforeAll
    static void exportBoth() throws Exception {
        cases = new PhantomCases(folder.resolve("data"), 3);
        cases.catalog.labelClasses().define(cases.dataset.id(), "nodule box", "#4363D8", LabelType.BOX, null, null);
        long author = cases.catalog.people().ensure("boxer", true, false).id();
        for (PhantomResult phantom : cases.phantoms) {
            GroundTruth truth = phantom.groundTruth();
            List<VectorLabel> labels = new ArrayList<>();
            for (GroundTruth.NoduleTruth n : truth.nodules()) {
                Vec3 centre = Vec3.of(n.centerMm());
                labels.add(BoxLabel.around(truth.frameOfReferenceUid(), truth.seriesInstanceUid(), "nodule box", centre,
                        new Vec3(n.diameterMm(), n.diameterMm(), 0)));
                labels.add(PointLabel.of(truth.frameOfReferenceUid(), truth.seriesInstanceUid(), "nodule box", centre));
            }
            cases.catalog.annotations().create(new NewAnnotation(truth.seriesInstanceUid(), cases.dataset.id(), AnnotationKind.VECTOR,
                    null), author, Origin.MANUAL, VectorPayload.of(labels), null);
        }
        fiji = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.IMAGEJ, folder.resolve("fiji"), 7,
                SplitFractions.defaults(), 501, "lung"), TaskContext.none());
        nifti = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.MONAI, folder.resolve("monai"), 7,
                SplitFractions.defaults(), 501), TaskContext.none());
    }

    @AfterAll
    static void close() {
        if (cases != null) {
            cases.close();
        }
    }

    @Test
    void everyCaseIsAStackWhoseChannelsHoldTheSameValuesAndLabelsAsTheNiftiExport() throws Exception {
        assertThat(fiji.cases()).hasSameSizeAs(nifti.cases());
        for (ExportedCase c : fiji.cases()) {
            Path tiff = folder.resolve("fiji").resolve(c.image());
            assertThat(tiff.getParent().getFileName().toString()).isEqualTo(c.split().word());
            ImagePlus image = IJ.openImage(tiff.toString());
            ExportedCase same = nifti.cases().stream().filter(n -> n.caseId().equals(c.caseId())).findFirst().orElseThrow();
            NiftiImage values = new NiftiReader().read(folder.resolve("monai").resolve(same.image()));
            NiftiImage labels = new NiftiReader().read(folder.resolve("monai").resolve(same.label()));
            int nx = values.header().geometry().nx();
            int ny = values.header().geometry().ny();
            int nz = values.header().geometry().nz();
            assertThat(image.getNChannels()).isEqualTo(2);
            assertThat(image.getNSlices()).isEqualTo(nz);
            assertThat(image.getCalibration().pixelWidth).isCloseTo(values.header().geometry().iStep().length(), org.assertj.core.api.Assertions.within(1e-4));
            var calibration = image.getCalibration();
            for (int k = 0; k < nz; k++) {
                var hu = image.getStack().getProcessor(image.getStackIndex(1, k + 1, 1));
                var mask = image.getStack().getProcessor(image.getStackIndex(2, k + 1, 1));
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        long at = values.index(i, j, k);
                        assertThat((int) calibration.getCValue(hu.get(i, j))).isEqualTo(values.int16(at));
                        assertThat((int) calibration.getCValue(mask.get(i, j))).isEqualTo(labels.uint8(at));
                    }
                }
            }
            assertThat(image.getInfoProperty()).contains("1 = lung").contains("2 = nodule");
        }
        assertThat(folder.resolve("fiji").resolve("manifest.csv")).isRegularFile();
    }

    @Test
    void theBoxesAndPointsBecomeAnRoiSetAndAnOverlay() throws Exception {
        ExportedCase c = fiji.cases().getFirst();
        Path tiff = folder.resolve("fiji").resolve(c.image());
        Path roiSet = tiff.resolveSibling(c.caseId() + "_RoiSet.zip");
        List<Roi> rois = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(roiSet))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                rois.add(new RoiDecoder(zip.readAllBytes(), e.getName()).getRoi());
            }
        }
        assertThat(rois).anyMatch(r -> r.getType() == Roi.POINT).anyMatch(r -> r.getType() == Roi.RECTANGLE || r.getType() == Roi.POLYGON);
        assertThat(rois).allMatch(r -> r.getName().startsWith("nodule box"));
        assertThat(IJ.openImage(tiff.toString()).getOverlay().size()).isEqualTo(rois.size());
    }
}
