// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.SyncTaskRunner;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** An enhanced CT whose frames are rescaled differently gets each frame's own HU, not the first frame's. */
class PerFrameRescaleTest {

    @TempDir
    Path folder;

    @Test
    void eachFrameUsesItsOwnPixelValueTransformation() throws Exception {
        Path file = folder.resolve("enhanced.dcm");
        write(file);
        InstanceHeader header = new DicomHeaderReader().read(file);
        assertThat(header.modalityLutOfFrame(0).intercept()).isEqualTo(-1024);
        assertThat(header.modalityLutOfFrame(1).intercept()).isEqualTo(-2048);
        assertThat(header.modalityLutOfFrame(1).slope()).isEqualTo(2);

        var pool = Executors.newFixedThreadPool(2);
        try {
            SeriesLoader loader = new SeriesLoader(pool, 2, new PixelCache(1 << 20));
            var plan = new StackPlanner().plan(new Series(header.series(), List.of(header)));
            try (Volume volume = loader.open(plan)) {
                new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
                // Stored 1000 in both frames: 1000 - 1024 and 1000 * 2 - 2048.
                assertThat(volume.value(0, 0, 0)).isEqualTo(-24);
                assertThat(volume.value(0, 0, 1)).isEqualTo(-48);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void write(Path file) throws Exception {
        AttributeList list = new AttributeList();
        put(list, TagFromName.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2.1");
        put(list, TagFromName.SOPInstanceUID, "2.25.1001");
        put(list, TagFromName.StudyInstanceUID, "2.25.1002");
        put(list, TagFromName.SeriesInstanceUID, "2.25.1003");
        put(list, TagFromName.Modality, "CT");
        put(list, TagFromName.Rows, "2");
        put(list, TagFromName.Columns, "2");
        put(list, TagFromName.BitsAllocated, "16");
        put(list, TagFromName.BitsStored, "16");
        put(list, TagFromName.HighBit, "15");
        put(list, TagFromName.PixelRepresentation, "0");
        put(list, TagFromName.SamplesPerPixel, "1");
        put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        put(list, TagFromName.NumberOfFrames, "2");
        AttributeList shared = new AttributeList();
        shared.put(sequence(TagFromName.PixelMeasuresSequence, item(TagFromName.PixelSpacing, "0.5\\0.5")));
        shared.put(sequence(TagFromName.PlaneOrientationSequence, item(TagFromName.ImageOrientationPatient, "1\\0\\0\\0\\1\\0")));
        list.put(sequence(TagFromName.SharedFunctionalGroupsSequence, shared));
        SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        String[][] frames = {{"0\\0\\0", "-1024", "1"}, {"0\\0\\2", "-2048", "2"}};
        for (String[] f : frames) {
            AttributeList group = new AttributeList();
            group.put(sequence(TagFromName.PlanePositionSequence, item(TagFromName.ImagePositionPatient, f[0])));
            AttributeList transform = item(TagFromName.RescaleIntercept, f[1]);
            put(transform, TagFromName.RescaleSlope, f[2]);
            put(transform, TagFromName.RescaleType, "HU");
            group.put(sequence(TagFromName.PixelValueTransformationSequence, transform));
            perFrame.addItem(group);
        }
        list.put(perFrame);
        OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(new short[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000});
        list.put(pixels);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "LUMEN");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }

    private static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static AttributeList item(AttributeTag tag, String values) throws DicomException {
        AttributeList item = new AttributeList();
        Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        for (String v : values.split("\\\\")) {
            a.addValue(v);
        }
        item.put(a);
        return item;
    }

    private static SequenceAttribute sequence(AttributeTag tag, AttributeList item) {
        SequenceAttribute s = new SequenceAttribute(tag);
        s.addItem(item);
        return s;
    }
}
