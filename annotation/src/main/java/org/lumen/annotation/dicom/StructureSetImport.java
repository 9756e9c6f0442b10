// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lumen.annotation.exchange.ImportedStructureSet;
import org.lumen.viewer.geometry.Vec3;

/**
 * Reads an RT Structure Set: each ROI of the Structure Set ROI Sequence with the colour and contours
 * the ROI Contour Sequence gives it (joined by ROI number), contour points in patient mm.
 */
public final class StructureSetImport {

    static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
    private static final AttributeTag STRUCTURE_SET_LABEL = new AttributeTag(0x3006, 0x0002);
    private static final AttributeTag REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = new AttributeTag(0x3006, 0x0010);
    private static final AttributeTag STRUCTURE_SET_ROI_SEQUENCE = new AttributeTag(0x3006, 0x0020);
    private static final AttributeTag ROI_NUMBER = new AttributeTag(0x3006, 0x0022);
    private static final AttributeTag ROI_FRAME_OF_REFERENCE = new AttributeTag(0x3006, 0x0024);
    private static final AttributeTag ROI_NAME = new AttributeTag(0x3006, 0x0026);
    private static final AttributeTag ROI_GENERATION_ALGORITHM = new AttributeTag(0x3006, 0x0036);
    private static final AttributeTag ROI_CONTOUR_SEQUENCE = new AttributeTag(0x3006, 0x0039);
    private static final AttributeTag ROI_DISPLAY_COLOR = new AttributeTag(0x3006, 0x002A);
    private static final AttributeTag CONTOUR_SEQUENCE = new AttributeTag(0x3006, 0x0040);
    private static final AttributeTag CONTOUR_GEOMETRIC_TYPE = new AttributeTag(0x3006, 0x0042);
    private static final AttributeTag CONTOUR_DATA = new AttributeTag(0x3006, 0x0050);
    private static final AttributeTag REFERENCED_ROI_NUMBER = new AttributeTag(0x3006, 0x0084);

    private StructureSetImport() { }

    /** @throws IOException naming the file and the reason when it is not an RT Structure Set Lumen can read */
    public static ImportedStructureSet read(Path file) throws IOException {
        AttributeList list = DataSets.read(file, false);
        if (!RT_STRUCTURE_SET_STORAGE.equals(text(list, TagFromName.SOPClassUID))) {
            throw new IOException(file + " is not an RT Structure Set (its SOP class is " + text(list, TagFromName.SOPClassUID) + ")");
        }
        try {
            Map<Integer, AttributeList> contoursByRoi = new HashMap<>();
            for (AttributeList item : items(list, ROI_CONTOUR_SEQUENCE)) {
                contoursByRoi.put(Attribute.getSingleIntegerValueOrDefault(item, REFERENCED_ROI_NUMBER, -1), item);
            }
            List<ImportedStructureSet.Roi> rois = new ArrayList<>();
            for (AttributeList roi : items(list, STRUCTURE_SET_ROI_SEQUENCE)) {
                int number = Attribute.getSingleIntegerValueOrDefault(roi, ROI_NUMBER, -1);
                AttributeList contourItem = contoursByRoi.get(number);
                String colour = null;
                List<ImportedStructureSet.Contour> contours = new ArrayList<>();
                if (contourItem != null) {
                    int[] rgb = contourItem.get(ROI_DISPLAY_COLOR) == null ? null : contourItem.get(ROI_DISPLAY_COLOR).getIntegerValues();
                    colour = rgb == null || rgb.length != 3 ? null : String.format("#%02x%02x%02x", rgb[0] & 0xFF, rgb[1] & 0xFF, rgb[2] & 0xFF);
                    for (AttributeList contour : items(contourItem, CONTOUR_SEQUENCE)) {
                        double[] data = contour.get(CONTOUR_DATA) == null ? new double[0] : contour.get(CONTOUR_DATA).getDoubleValues();
                        List<Vec3> points = new ArrayList<>();
                        for (int p = 0; p + 2 < data.length; p += 3) {
                            points.add(new Vec3(data[p], data[p + 1], data[p + 2]));
                        }
                        contours.add(new ImportedStructureSet.Contour(text(contour, CONTOUR_GEOMETRIC_TYPE), points));
                    }
                }
                rois.add(new ImportedStructureSet.Roi(number, text(roi, ROI_NAME), colour, text(roi, ROI_GENERATION_ALGORITHM),
                        text(roi, ROI_FRAME_OF_REFERENCE), contours));
            }
            List<AttributeList> frames = items(list, REFERENCED_FRAME_OF_REFERENCE_SEQUENCE);
            return new ImportedStructureSet(text(list, TagFromName.SOPInstanceUID), text(list, STRUCTURE_SET_LABEL),
                    frames.isEmpty() ? null : text(frames.getFirst(), TagFromName.FrameOfReferenceUID), rois);
        } catch (DicomException | RuntimeException e) {
            throw new IOException(file + " is an RT Structure Set Lumen cannot read: " + e.getMessage(), e);
        }
    }

    private static List<AttributeList> items(AttributeList list, AttributeTag tag) {
        List<AttributeList> items = new ArrayList<>();
        if (list.get(tag) instanceof SequenceAttribute s) {
            for (int i = 0; i < s.getNumberOfItems(); i++) {
                items.add(s.getItem(i).getAttributeList());
            }
        }
        return items;
    }

    private static String text(AttributeList list, AttributeTag tag) {
        String s = Attribute.getSingleStringValueOrNull(list, tag);
        return s == null ? null : s.strip();
    }
}
