// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.exchange.ImportedReport;

/**
 * Reads a structured report into domain types: every TID 1500 measurement group (a container named
 * "Measurement Group", wherever it sits) with its tracking identifiers, finding, numeric values,
 * spatial coordinates and coded evaluations. Reports of other templates read with no groups.
 */
public final class MeasurementReportImport {

    private static final AttributeTag MEASURED_VALUE_SEQUENCE = new AttributeTag(0x0040, 0xA300);
    private static final AttributeTag NUMERIC_VALUE = new AttributeTag(0x0040, 0xA30A);
    private static final AttributeTag UNITS = new AttributeTag(0x0040, 0x08EA);
    private static final AttributeTag CONCEPT_CODE = new AttributeTag(0x0040, 0xA168);
    private static final AttributeTag GRAPHIC_DATA = new AttributeTag(0x0070, 0x0022);
    private static final AttributeTag GRAPHIC_TYPE = new AttributeTag(0x0070, 0x0023);
    private static final AttributeTag REFERENCED_FRAME_OF_REFERENCE = new AttributeTag(0x3006, 0x0024);
    private static final AttributeTag OBSERVATION_DATE_TIME = new AttributeTag(0x0040, 0xA032);

    private MeasurementReportImport() { }

    /** @throws IOException naming the file and the reason when it is not an SR Lumen can read */
    public static ImportedReport read(Path file) throws IOException {
        AttributeList list = DataSets.read(file, false);
        if (!"CONTAINER".equals(Attribute.getSingleStringValueOrNull(list, TagFromName.ValueType))) {
            throw new IOException(file + " is not a structured report (it has no root content item)");
        }
        try {
            ContentItem root = (ContentItem) new StructuredReport(list).getRoot();
            List<ImportedReport.Group> groups = new ArrayList<>();
            int[] numbers = {0};
            walk(root, groups, numbers);
            List<ImportedReport.Observer> observers = observers(root);
            AttributeList template = firstItem(list, TagFromName.ContentTemplateSequence);
            return new ImportedReport(text(list, TagFromName.SOPInstanceUID), text(list, TagFromName.SOPClassUID),
                    code(list, TagFromName.ConceptNameCodeSequence), template == null ? null : text(template, TagFromName.TemplateIdentifier),
                    observers, groups, numbers[0]);
        } catch (DicomException | RuntimeException e) {
            throw new IOException(file + " is a structured report Lumen cannot read: " + e.getMessage(), e);
        }
    }

    private static void walk(ContentItem item, List<ImportedReport.Group> groups, int[] numbers) {
        if ("NUM".equals(item.getValueType())) {
            numbers[0]++;
        }
        if ("CONTAINER".equals(item.getValueType()) && item.contentItemNameMatchesCodeValueAndCodingSchemeDesignator(
                MeasurementReportExport.MEASUREMENT_GROUP.value(), MeasurementReportExport.MEASUREMENT_GROUP.scheme())) {
            groups.add(group(item));
        }
        for (int i = 0; i < item.getChildCount(); i++) {
            walk((ContentItem) item.getChildAt(i), groups, numbers);
        }
    }

    private static ImportedReport.Group group(ContentItem group) {
        String trackingId = null;
        String trackingUid = null;
        Code finding = null;
        String device = null;
        String version = null;
        List<ImportedReport.Value> values = new ArrayList<>();
        List<ImportedReport.Region> regions = new ArrayList<>();
        List<ImportedReport.Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < group.getChildCount(); i++) {
            ContentItem child = (ContentItem) group.getChildAt(i);
            AttributeList a = child.getAttributeList();
            Code name = code(a, TagFromName.ConceptNameCodeSequence);
            switch (child.getValueType()) {
                case "TEXT" -> {
                    String value = trimmed(text(a, TagFromName.TextValue));
                    if (is(name, MeasurementReportExport.TRACKING_IDENTIFIER)) {
                        trackingId = value;
                    } else if (is(name, MeasurementReportExport.ALGORITHM_NAME)) {
                        device = value;
                    } else if (is(name, MeasurementReportExport.ALGORITHM_VERSION)) {
                        version = value;
                    }
                }
                case "UIDREF" -> {
                    if (is(name, MeasurementReportExport.TRACKING_UID)) {
                        trackingUid = trimmed(text(a, TagFromName.UID));
                    }
                }
                case "CODE" -> {
                    Code value = code(a, CONCEPT_CODE);
                    if (is(name, MeasurementReportExport.FINDING)) {
                        finding = value;
                    } else if ("CONTAINS".equals(child.getRelationshipType())) {
                        evaluations.add(new ImportedReport.Evaluation(name, value, personOf(child), text(a, OBSERVATION_DATE_TIME)));
                    }
                }
                case "NUM" -> {
                    AttributeList measured = firstItem(a, MEASURED_VALUE_SEQUENCE);
                    if (measured != null && text(measured, NUMERIC_VALUE) != null) {
                        values.add(new ImportedReport.Value(name, Double.parseDouble(text(measured, NUMERIC_VALUE).trim()), code(measured, UNITS)));
                    }
                }
                case "SCOORD", "SCOORD3D" -> regions.add(region(child, name));
                default -> { }
            }
        }
        return new ImportedReport.Group(trackingId, trackingUid, finding, values, regions, evaluations, device, version);
    }

    private static ImportedReport.Region region(ContentItem item, Code name) {
        AttributeList a = item.getAttributeList();
        double[] coordinates = null;
        try {
            coordinates = a.get(GRAPHIC_DATA) == null ? new double[0] : a.get(GRAPHIC_DATA).getDoubleValues();
        } catch (DicomException e) {
            coordinates = new double[0];
        }
        String image = null;
        if ("SCOORD".equals(item.getValueType()) && item.getChildCount() > 0) {
            ContentItem source = (ContentItem) item.getChildAt(0);
            image = source.getReferencedSOPInstanceUID();
        }
        return new ImportedReport.Region(name, item.getValueType(), text(a, GRAPHIC_TYPE), coordinates,
                text(a, REFERENCED_FRAME_OF_REFERENCE), image);
    }

    /** The root's observation context: each Observer Type starts an observer, named by the items after it. */
    private static List<ImportedReport.Observer> observers(ContentItem root) {
        List<ImportedReport.Observer> observers = new ArrayList<>();
        Boolean device = null;
        String name = null;
        String serial = null;
        for (int i = 0; i < root.getChildCount(); i++) {
            ContentItem child = (ContentItem) root.getChildAt(i);
            if (!"HAS OBS CONTEXT".equals(child.getRelationshipType())) {
                continue;
            }
            AttributeList a = child.getAttributeList();
            Code concept = code(a, TagFromName.ConceptNameCodeSequence);
            if (is(concept, MeasurementReportExport.OBSERVER_TYPE)) {
                if (device != null) {
                    observers.add(new ImportedReport.Observer(device, name, serial));
                }
                Code type = code(a, CONCEPT_CODE);
                device = type != null && "121007".equals(type.value());
                name = null;
                serial = null;
            } else if (is(concept, MeasurementReportExport.PERSON_OBSERVER_NAME)) {
                name = trimmed(text(a, TagFromName.PersonName));
            } else if (is(concept, MeasurementReportExport.DEVICE_OBSERVER_NAME)) {
                name = trimmed(text(a, TagFromName.TextValue));
            } else if (is(concept, MeasurementReportExport.DEVICE_SERIAL_NUMBER)) {
                serial = trimmed(text(a, TagFromName.TextValue));
            }
        }
        if (device != null) {
            observers.add(new ImportedReport.Observer(device, name, serial));
        } else if (name != null) {
            observers.add(new ImportedReport.Observer(false, name, null));
        }
        return observers;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.strip();
    }

    /** The Person Observer Name among an item's observation context, or null. */
    private static String personOf(ContentItem item) {
        for (int i = 0; i < item.getChildCount(); i++) {
            ContentItem child = (ContentItem) item.getChildAt(i);
            if ("PNAME".equals(child.getValueType()) && is(code(child.getAttributeList(), TagFromName.ConceptNameCodeSequence),
                    MeasurementReportExport.PERSON_OBSERVER_NAME)) {
                return trimmed(text(child.getAttributeList(), TagFromName.PersonName));
            }
        }
        return null;
    }

    private static boolean is(Code code, Code expected) {
        return code != null && code.value().equals(expected.value()) && code.scheme().equals(expected.scheme());
    }

    private static AttributeList firstItem(AttributeList list, AttributeTag tag) {
        if (list == null || !(list.get(tag) instanceof SequenceAttribute s) || s.getNumberOfItems() == 0) {
            return null;
        }
        return s.getItem(0).getAttributeList();
    }

    private static Code code(AttributeList list, AttributeTag tag) {
        CodedSequenceItem c = CodedSequenceItem.getSingleCodedSequenceItemOrNull(list, tag);
        if (c == null || c.getCodeValue() == null || c.getCodeValue().isBlank() || c.getCodingSchemeDesignator() == null
                || c.getCodingSchemeDesignator().isBlank()) {
            return null;
        }
        return new Code(c.getCodingSchemeDesignator(), c.getCodeValue(), c.getCodeMeaning());
    }

    private static String text(AttributeList list, AttributeTag tag) {
        return list == null ? null : Attribute.getSingleStringValueOrNull(list, tag);
    }
}
