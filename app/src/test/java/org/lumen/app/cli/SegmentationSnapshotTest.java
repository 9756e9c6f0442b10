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
import org.lumen.annotation.dicom.MeasurementReportExport;
import org.lumen.annotation.dicom.SegmentationExport;
import org.lumen.annotation.exchange.ReportGroups;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.LengthMeasurement;
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
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A study folder holding a CT series, a DICOM SEG and a measurement report drawn on it (by Lumen) and an
 * RT Structure Set (written by pydicom): the window shows the SEG's segments over the series, outlined in
 * the segments' own colours (read back from their CIELab values), the structure set's contour on its
 * slice in the ROI's colour, and the report's length in cyan.
 */
class SegmentationSnapshotTest {

    private static final int LUNG = 2;
    /** Pure green and magenta: no grey CT pixel and no chrome colour is near them. */
    private static final int GREEN = 0x00FF00;
    private static final int MAGENTA = 0xFF00FF;
    /** Reports' regions are drawn in cyan. */
    private static final int CYAN = 0x00E5FF;
    /** pydicom writes a structure set with one closed square contour on the phantom's frame of reference. */
    private static final String RTSTRUCT = String.join("\n",
            "import sys, pydicom",
            "from pydicom.dataset import Dataset, FileMetaDataset",
            "from pydicom.uid import generate_uid, ExplicitVRLittleEndian",
            "ct = pydicom.dcmread(sys.argv[1], stop_before_pixels=True)",
            "x, y, z, h = (float(v) for v in sys.argv[3:7])",
            "ds = Dataset()",
            "ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.481.3'; ds.SOPInstanceUID = generate_uid(); ds.Modality = 'RTSTRUCT'",
            "for k in ('PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate', 'StudyTime', 'StudyID',",
            "          'AccessionNumber', 'ReferringPhysicianName'):",
            "    setattr(ds, k, getattr(ct, k, ''))",
            "ds.SeriesInstanceUID = generate_uid(); ds.SeriesNumber = 98; ds.StructureSetLabel = 'BOX'",
            "ref = Dataset(); ref.FrameOfReferenceUID = ct.FrameOfReferenceUID; ds.ReferencedFrameOfReferenceSequence = [ref]",
            "roi = Dataset(); roi.ROINumber = 1; roi.ReferencedFrameOfReferenceUID = ct.FrameOfReferenceUID; roi.ROIName = 'Box'",
            "roi.ROIGenerationAlgorithm = 'MANUAL'; ds.StructureSetROISequence = [roi]",
            "c = Dataset(); c.ContourGeometricType = 'CLOSED_PLANAR'; c.NumberOfContourPoints = 4",
            "c.ContourData = [x - h, y - h, z, x + h, y - h, z, x + h, y + h, z, x - h, y + h, z]",
            "rc = Dataset(); rc.ROIDisplayColor = [255, 0, 255]; rc.ReferencedROINumber = 1; rc.ContourSequence = [c]",
            "ds.ROIContourSequence = [rc]",
            "ds.file_meta = FileMetaDataset(); ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID",
            "ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID; ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian",
            "ds.is_little_endian = True; ds.is_implicit_VR = False",
            "ds.save_as(sys.argv[2], write_like_original=False)");

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

        // The square around the middle of the slice the window opens on (the middle one).
        var middle = source.slices().get(12).position().plus(source.rowDirection().times(48 * source.columnSpacing()))
                .plus(source.columnDirection().times(48 * source.rowSpacing()));
        boolean pydicom = ExternalPython.hasPydicom();
        if (pydicom) {
            ExternalPython.run(RTSTRUCT, ct.dicomFiles().getFirst().toString(), study.resolve("box-rtstruct.dcm").toString(),
                    String.valueOf(middle.x()), String.valueOf(middle.y()), String.valueOf(middle.z()), "40");
        }

        // Lumen's own report: a length across the chest on that slice, drawn from its SCOORD3D.
        LengthMeasurement length = LengthMeasurement.of(source.frameOfReferenceUid(), source.seriesInstanceUid(),
                middle.minus(new Vec3(60, 0, 0)), middle.plus(new Vec3(60, 0, 0)));
        MeasurementReportExport.write(source, List.of(ReportGroups.ofMeasurement(length, null, null)),
                new MeasurementReportExport.Description("Lengths", 97, "Tester^Tom", MeasurementReportExport.Description.CT, "test"),
                study.resolve("length-sr.dcm"));

        Path without = folder.resolve("without.png");
        Path with = Files.createDirectories(folder.resolve("shots")).resolve("ct-with-seg.png");
        CliRun plain = lumen("snapshot", ct.directory().toString(), "--window", "lung", "--size", "960x600", "--out", without.toString());
        CliRun shown = lumen("snapshot", study.toString(), "--window", "lung", "--size", "960x600", "--out", with.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(shown.exitCode()).as(shown.err()).isZero();

        assertThat(pixelsNear(ImageIO.read(without.toFile()), GREEN)).isZero();
        assertThat(pixelsNear(ImageIO.read(with.toFile()), GREEN)).as("SEG outline pixels in %s", with).isGreaterThan(100);
        assertThat(pixelsNear(ImageIO.read(without.toFile()), MAGENTA)).isZero();
        assertThat(pixelsNear(ImageIO.read(without.toFile()), CYAN)).isZero();
        assertThat(pixelsNear(ImageIO.read(with.toFile()), CYAN)).as("SR length pixels in %s", with).isGreaterThan(50);
        if (pydicom) {
            assertThat(pixelsNear(ImageIO.read(with.toFile()), MAGENTA)).as("RTSTRUCT outline pixels in %s", with).isGreaterThan(100);
        }
        String shots = System.getProperty("lumen.shots");
        if (shots != null && !shots.isBlank()) {
            Files.copy(with, Files.createDirectories(Path.of(shots)).resolve("ct-with-seg.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Pixels within 50 of {@code target} in each channel. */
    private static int pixelsNear(BufferedImage image, int target) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs((rgb >> shift & 0xFF) - (target >> shift & 0xFF)) < 50;
                }
                n += near ? 1 : 0;
            }
        }
        return n;
    }
}
