// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.exchange.AlgorithmType;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.SegmentDefinition;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.annotation.catalog.MaskPayload;

/**
 * A SEG written from the chest phantom's lungs and nodules (a real CT series written to disk and
 * indexed as any other) must carry every reference the standard asks for, pass dciodvfy, unpack in
 * pydicom to the same frames, and come back through Lumen's reader onto the same voxels.
 */
class SegmentationExportTest {

    /** Odd columns and rows: frames of 45 × 37 bits do not end on a byte, as packing must allow. */
    private static final ChestCtSpec SPEC = ChestCtSpec.builder().seed(12).size(Size.of(45, 37, 12)).pixelSpacingMm(8)
            .sliceSpacingMm(6).noduleCount(3).noduleDiameterMm(18, 26).build();
    private static final int LUNG = 2;
    private static final LabelClass LUNG_CLASS = new LabelClass(1, null, "Lung", "#3070e0", LabelType.MASK, 1,
            new Code("SCT", "39607008", "Lung"));
    private static final LabelClass NODULE_CLASS = new LabelClass(2, null, "Nodule", "#e04020", LabelType.MASK, 2,
            new Code("SCT", "27925004", "Nodule"));

    @TempDir
    static Path dir;
    private static Pools pools;
    private static SourceSeries source;
    private static StackPlan plan;
    private static LabelMask mask;
    private static List<SegmentDefinition> segments;
    private static Path seg;

    @BeforeAll
    static void writeSeg() throws Exception {
        pools = new Pools(2);
        PhantomResult written = Phantoms.writeChestCt(dir.resolve("ct"), SPEC);
        assertThat(written.nodules()).isNotEmpty();
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(written.directory()), TaskContext.none());
        plan = new StackPlanner().plan(index.allSeries().getFirst());
        source = SourceSeries.of(plan);
        PhantomVolume truth = Phantoms.renderChestCt(SPEC);
        mask = new LabelMask(45, 37, 12);
        for (int k = 0; k < 12; k++) {
            for (int j = 0; j < 37; j++) {
                for (int i = 0; i < 45; i++) {
                    int label = truth.label(i, j, k);
                    mask.set(i, j, k, label >= Nodule.FIRST_LABEL ? 2 : label == LUNG ? 1 : 0);
                }
            }
        }
        segments = List.of(SegmentDefinition.of(LUNG_CLASS, AlgorithmType.MANUAL, null),
                SegmentDefinition.of(NODULE_CLASS, AlgorithmType.SEMIAUTOMATIC, "lumen-demo-nodules 1.0"));
        // A schema's classes: only those with voxels in the mask become segments, in mask-value order.
        LabelClass unused = new LabelClass(3, null, "Heart", "#ff0000", LabelType.MASK, 7, new Code("SCT", "80891009", "Heart"));
        assertThat(SegmentDefinition.forMask(List.of(unused, NODULE_CLASS, LUNG_CLASS), mask, AlgorithmType.MANUAL, null))
                .extracting(SegmentDefinition::label).containsExactly("Lung", "Nodule");
        seg = dir.resolve("phantom-seg.dcm");
        SegmentationExport.write(source, mask, segments,
                new SegmentationExport.Description("Lumen labels", 900, "LUMEN_LABELS", "Lung and nodules", "Reader^One", "0.1.0"), seg);
    }

    @AfterAll
    static void close() {
        pools.close();
    }

    @Test
    void referencesTheSourceAsHighdicomAndDcmqiDo() throws Exception {
        AttributeList list = new AttributeList();
        list.read(seg.toFile());
        AttributeList ct = new AttributeList();
        ct.read(source.headerFile().toFile(), TagFromName.PixelData);
        assertThat(text(list, TagFromName.FrameOfReferenceUID)).isEqualTo(text(ct, TagFromName.FrameOfReferenceUID));
        assertThat(text(list, TagFromName.StudyInstanceUID)).isEqualTo(text(ct, TagFromName.StudyInstanceUID));
        assertThat(text(list, TagFromName.PatientID)).isEqualTo(text(ct, TagFromName.PatientID));
        assertThat(text(list, new AttributeTag(0x0062, 0x0001))).isEqualTo("BINARY");
        assertThat(text(list, new AttributeTag(0x0062, 0x0013))).as("Segments Overlap").isEqualTo("NO");
        assertThat(list.get(TagFromName.BitsAllocated).getIntegerValues()).containsExactly(1);

        SequenceAttribute segmentSequence = (SequenceAttribute) list.get(new AttributeTag(0x0062, 0x0002));
        AttributeList nodule = segmentSequence.getItem(1).getAttributeList();
        assertThat(text(nodule, new AttributeTag(0x0062, 0x0008))).isEqualTo("SEMIAUTOMATIC");
        assertThat(text(nodule, new AttributeTag(0x0062, 0x0009))).isEqualTo("lumen-demo-nodules 1.0");
        assertThat(codeValue(nodule, new AttributeTag(0x0062, 0x0003))).isEqualTo("49755003");
        assertThat(codeValue(nodule, new AttributeTag(0x0062, 0x000F))).isEqualTo("27925004");
        AttributeList lung = segmentSequence.getItem(0).getAttributeList();
        assertThat(codeValue(lung, new AttributeTag(0x0062, 0x0003))).isEqualTo("91723000");
        assertThat(lung.get(new AttributeTag(0x0062, 0x0009))).isNull();

        // Every frame names the source instance at its own plane position.
        SequenceAttribute perFrame = (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
        int frames = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 0);
        assertThat(perFrame.getNumberOfItems()).isEqualTo(frames);
        for (int f = 0; f < frames; f++) {
            AttributeList item = perFrame.getItem(f).getAttributeList();
            double[] position = first(item, new AttributeTag(0x0020, 0x9113)).get(TagFromName.ImagePositionPatient).getDoubleValues();
            AttributeList sourceImage = first(first(item, TagFromName.DerivationImageSequence), TagFromName.SourceImageSequence);
            String uid = text(sourceImage, TagFromName.ReferencedSOPInstanceUID);
            int k = source.slices().stream().map(s -> s.sopInstanceUid()).toList().indexOf(uid);
            assertThat(k).isNotNegative();
            assertThat(source.slices().get(k).position().distance(Vec3.of(position))).isLessThan(1e-3);
            assertThat(codeValue(sourceImage, TagFromName.PurposeOfReferenceCodeSequence)).isEqualTo("121322");
        }
        SequenceAttribute referenced = (SequenceAttribute) list.get(TagFromName.ReferencedSeriesSequence);
        AttributeList series = referenced.getItem(0).getAttributeList();
        assertThat(text(series, TagFromName.SeriesInstanceUID)).isEqualTo(source.seriesInstanceUid());
        assertThat(((SequenceAttribute) series.get(TagFromName.ReferencedInstanceSequence)).getNumberOfItems()).isEqualTo(12);
    }

    @Test
    void onlyFramesWithVoxelsAreWritten() throws Exception {
        int expected = 0;
        for (int value : new int[] {1, 2}) {
            for (int k = 0; k < 12; k++) {
                expected += hasValue(mask, k, value) ? 1 : 0;
            }
        }
        ImportedSegmentation read = SegmentationImport.read(seg);
        assertThat(read.frames()).hasSize(expected);
        assertThat(expected).isLessThan(24);
    }

    @Test
    void readsBackOntoTheSameVoxels() throws Exception {
        ImportedSegmentation read = SegmentationImport.read(seg);
        assertThat(read.referencedSeriesUid()).isEqualTo(source.seriesInstanceUid());
        assertThat(read.segments()).extracting(s -> s.label()).containsExactly("Lung", "Nodule");
        assertThat(read.segment(2).orElseThrow().algorithmName()).isEqualTo("lumen-demo-nodules 1.0");
        assertThat(read.segment(1).orElseThrow().colour()).isEqualTo("#3070e0");
        assertThat(read.segment(2).orElseThrow().colour()).isEqualTo("#e04020");
        ImportedSegmentation.Placement placed = read.labelsOn(37, 45, source.slices().stream().map(s -> s.position()).toList(),
                source.slices().stream().map(s -> s.sopInstanceUid()).toList(), 0.5);
        assertThat(placed.unplacedFrames()).isZero();
        assertThat(placed.labels()).isEqualTo(mask);
        assertThat(mask.count(2)).isPositive();
    }

    @Test
    void dciodvfyFindsNoError() throws Exception {
        ExternalTools.assumeInstalled("dciodvfy");
        ExternalTools.Output out = ExternalTools.dciodvfy(seg);
        System.out.println("dciodvfy on Lumen's SEG:\n" + out.text());
        assertThat(out.linesStartingWith("Error")).isEmpty();
    }

    @Test
    void pydicomUnpacksTheSameFrames() throws Exception {
        ExternalTools.assumePydicom();
        String script = String.join("\n",
                "import sys, hashlib, numpy, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "a = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)",
                "for f, g in zip(a, ds.PerFrameFunctionalGroupsSequence):",
                "    n = g.SegmentIdentificationSequence[0].ReferencedSegmentNumber",
                "    z = float(g.PlanePositionSequence[0].ImagePositionPatient[2])",
                "    print(n, round(z, 3), hashlib.md5(f.astype(numpy.uint8).tobytes()).hexdigest())");
        ExternalTools.Output out = ExternalTools.python(script, seg.toString());
        assertThat(out.exit()).as(out.text()).isZero();
        List<String> expected = new ArrayList<>();
        for (int s = 1; s <= 2; s++) {
            for (int k = 0; k < 12; k++) {
                if (hasValue(mask, k, s)) {
                    byte[] frame = new byte[45 * 37];
                    byte[] plane = mask.sliceOrNull(k);
                    for (int v = 0; v < frame.length; v++) {
                        frame[v] = (byte) ((plane[v] & 0xFF) == s ? 1 : 0);
                    }
                    double z = source.slices().get(k).position().z();
                    expected.add(s + " " + Math.round(z * 1000) / 1000.0 + " "
                            + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(frame)));
                }
            }
        }
        assertThat(out.text().lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void aFractionalCopyWrittenByPydicomReadsOntoTheSameVoxels() throws Exception {
        ExternalTools.assumePydicom();
        // pydicom turns Lumen's BINARY SEG into a FRACTIONAL one: 200 of 255 inside, 100 (below half) at the edge of nothing.
        String script = String.join("\n",
                "import sys, numpy, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "a = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns).astype(numpy.uint8)",
                "f = numpy.where(a == 1, 200, 100).astype(numpy.uint8)",
                "ds.BitsAllocated = 8; ds.BitsStored = 8; ds.HighBit = 7",
                "ds.SegmentationType = 'FRACTIONAL'; ds.SegmentationFractionalType = 'PROBABILITY'; ds.MaximumFractionalValue = 255",
                "ds.PixelData = f.tobytes()",
                "ds['PixelData'].VR = 'OB'",
                "ds.save_as(sys.argv[2])");
        Path fractional = dir.resolve("fractional.dcm");
        ExternalTools.Output out = ExternalTools.python(script, seg.toString(), fractional.toString());
        assertThat(out.exit()).as(out.text()).isZero();
        ImportedSegmentation read = SegmentationImport.read(fractional);
        assertThat(read.type()).isEqualTo("FRACTIONAL");
        assertThat(read.maxFractionalValue()).isEqualTo(255);
        ImportedSegmentation.Placement placed = read.labelsOn(37, 45, source.slices().stream().map(s -> s.position()).toList(),
                List.of(), 0.5);
        assertThat(placed.labels()).isEqualTo(mask);
    }

    @Test
    void aCatalogMaskIsWrittenOnlyOntoItsOwnGrid() throws Exception {
        SegmentationExport.Description d = new SegmentationExport.Description(null, 2, "CATALOG", null, null, "0.1.0");
        Path own = dir.resolve("catalog-seg.dcm");
        SegmentationExport.write(source, new MaskPayload(mask, plan.geometry()), segments, d, own);
        assertThat(SegmentationImport.read(own).frames()).hasSameSizeAs(SegmentationImport.read(seg).frames());

        VolumeGeometry g = plan.geometry();
        VolumeGeometry shifted = new VolumeGeometry(g.columns(), g.rows(), g.slices(), g.origin().plus(new Vec3(0, 0, 3)),
                g.rowDirection(), g.columnDirection(), g.columnSpacing(), g.rowSpacing(), g.sliceStep());
        assertThatThrownBy(() -> SegmentationExport.write(source, new MaskPayload(mask, shifted), segments, d, dir.resolve("other.dcm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drawn on another grid");
        assertThat(dir.resolve("other.dcm")).doesNotExist();
    }

    @Test
    void aMultiFrameSourceIsReferencedFrameByFrameAndStillValid() throws Exception {
        ChestCtSpec spec = ChestCtSpec.builder().seed(12).size(Size.of(40, 40, 8)).pixelSpacingMm(9).sliceSpacingMm(8).noduleCount(1)
                .build();
        PhantomResult written = Phantoms.writeMultiFrame(dir.resolve("enhanced"), spec);
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(written.directory()), TaskContext.none());
        SourceSeries enhanced = SourceSeries.of(new StackPlanner().plan(index.allSeries().getFirst()));
        assertThat(enhanced.slices()).extracting(s -> s.sopInstanceUid()).containsOnly(enhanced.slices().getFirst().sopInstanceUid());
        PhantomVolume truth = Phantoms.renderChestCt(spec);
        LabelMask lungs = new LabelMask(40, 40, 8);
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    lungs.set(i, j, k, truth.label(i, j, k) == LUNG ? 1 : 0);
                }
            }
        }
        Path out = dir.resolve("enhanced-seg.dcm");
        SegmentationExport.write(enhanced, lungs, List.of(segments.getFirst()),
                new SegmentationExport.Description(null, 3, "LUNGS", null, null, "0.1.0"), out);
        ImportedSegmentation read = SegmentationImport.read(out);
        for (var frame : read.frames()) {
            int k = enhanced.slices().stream().map(s -> s.position()).toList().indexOf(
                    enhanced.slices().stream().map(s -> s.position()).filter(p -> p.distance(frame.position()) < 1e-3).findFirst().orElseThrow());
            assertThat(frame.sourceFrameNumber()).isEqualTo(enhanced.slices().get(k).frameNumber()).isPositive();
        }
        assertThat(read.labelsOn(40, 40, enhanced.slices().stream().map(s -> s.position()).toList(), List.of(), 0.5).labels())
                .isEqualTo(lungs);
        if (ExternalTools.installed("dciodvfy")) {
            assertThat(ExternalTools.dciodvfy(out).linesStartingWith("Error")).isEmpty();
        }
    }

    @Test
    void refusesAMaskWithNothingToWrite() {
        LabelMask empty = new LabelMask(45, 37, 12);
        assertThatThrownBy(() -> SegmentationExport.write(source, empty, segments,
                new SegmentationExport.Description(null, 1, "EMPTY", null, null, "0.1.0"), dir.resolve("empty.dcm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no voxel");
        assertThat(dir.resolve("empty.dcm")).doesNotExist();
    }

    private static boolean hasValue(LabelMask m, int k, int value) {
        byte[] plane = m.sliceOrNull(k);
        if (plane == null) {
            return false;
        }
        for (byte b : plane) {
            if ((b & 0xFF) == value) {
                return true;
            }
        }
        return false;
    }

    private static AttributeList first(AttributeList list, AttributeTag tag) {
        return ((SequenceAttribute) list.get(tag)).getItem(0).getAttributeList();
    }

    private static String codeValue(AttributeList list, AttributeTag tag) {
        return text(first(list, tag), TagFromName.CodeValue);
    }

    private static String text(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrNull(list, tag);
    }
}
