// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.annotation.dicom.MeasurementReportImport;
import org.lumen.annotation.dicom.SegmentationImport;
import org.lumen.annotation.dicom.StructureSetImport;
import org.lumen.annotation.exchange.ImportedReport;
import org.lumen.annotation.exchange.ImportedSegment;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.ImportedStructureSet;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.overlay.MapValues;
import org.lumen.viewer.overlay.ParametricMaps;
import org.lumen.viewer.overlay.ResampledHeatmap;
import org.lumen.viewer.volume.StackPlanner;

/**
 * What a segmentation, structured report, RT structure set or parametric map holds, one line per instance, for
 * {@code lumen info}: its segments, measurement groups or ROIs, read with annotation's DICOM readers.
 */
final class ObjectSummaries {

    private ObjectSummaries() { }

    /** "; placed slice by slice by …" when the map is not plainly placed by position; empty otherwise or unreadable. */
    private static String placement(Series map, Series target, String how) {
        try {
            String note = ResampledHeatmap.place(PLANNER.plan(map), PLANNER.plan(target), how.equals(ParametricMaps.SAME_FRAME)).note();
            return note.isEmpty() ? "" : "; " + note;
        } catch (UnusableFileException e) {
            return "; cannot be placed: " + e.getMessage();
        }
    }

    /** "real-world values 0.0001 to 0.0049 mm2/s (Real World Value Mapping: slope 0.0025, intercept 0.0001)". */
    private static String realValues(Series map) {
        MapValues values;
        try {
            values = MapValues.decode(PLANNER.plan(map));
        } catch (UnusableFileException e) {
            return "values cannot be read: " + e.getMessage();
        }
        String range = String.format(Locale.ROOT, "%s to %s%s", number(values.low()), number(values.high()),
                values.units().isEmpty() ? "" : " " + values.units());
        return values.mapping() == null ? "values " + range + " as stored (no Real World Value Mapping)"
                : "real-world values " + range + " (Real World Value Mapping: " + values.mapping().describe()
                        // The map's own view holds the mapped values (ADR 0039): with a LUT its window is over the LUT's output.
                        + (values.mapping().lut() != null ? "; its view is windowed over the LUT's output" : "") + ")";
    }

    /** Four significant digits without trailing zeros ("1", "0.0025"); tiny values in scientific notation. */
    private static String number(float v) {
        if (v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static final StackPlanner PLANNER = new StackPlanner();

    /**
     * One line per instance of a SEG, SR or RTSTRUCT series; for a parametric map, one line per image series of
     * {@code index} it lies over (decision 0030) and how it is placed there when not plainly by position, then its
     * real-world value range and units (decision 0033); empty for any other series.
     */
    static List<String> of(Series series, DicomIndex index) {
        List<String> lines = new ArrayList<>();
        if (ParametricMaps.isMap(series)) {
            List<Series> under = ParametricMaps.under(index, series);
            if (under.isEmpty()) {
                lines.add("parametric map; no image series of this source shares its frame of reference or is named by it");
            }
            for (Series s : under) {
                String how = ParametricMaps.how(series, s);
                lines.add(String.format(Locale.ROOT, "parametric map over series %s%s (%s), %s%s",
                        s.info().number() == null ? "" : s.info().number(),
                        s.info().description() == null || s.info().description().isBlank() ? "" : " \"" + s.info().description().strip() + "\"",
                        s.uid(), how, placement(series, s, how)));
            }
            lines.add(realValues(series));
            return lines;
        }
        for (InstanceHeader instance : series.instances()) {
            try {
                switch (instance.kind()) {
                    case SEGMENTATION -> lines.add(segmentation(SegmentationImport.read(instance.file())));
                    case STRUCTURED_REPORT -> lines.add(report(MeasurementReportImport.read(instance.file())));
                    case RT_STRUCTURE_SET -> lines.add(structureSet(StructureSetImport.read(instance.file())));
                    default -> { }
                }
            } catch (IOException e) {
                lines.add("cannot be read: " + e.getMessage());
            }
        }
        return lines;
    }

    private static String segmentation(ImportedSegmentation seg) {
        return String.format(Locale.ROOT, "%s segmentation, %d segment(s) (%s), %d frame(s)", seg.type(), seg.segments().size(),
                String.join(", ", seg.segments().stream().map(ImportedSegment::label).toList()), seg.frames().size());
    }

    private static String report(ImportedReport report) {
        String title = report.title() == null ? "report" : report.title().meaning();
        return "1500".equals(report.templateId())
                ? String.format(Locale.ROOT, "%s (TID 1500), %d measurement group(s), %d numeric value(s)", title, report.groups().size(),
                        report.numericValues())
                : String.format(Locale.ROOT, "%s, %d numeric value(s)", title, report.numericValues());
    }

    private static String structureSet(ImportedStructureSet set) {
        return String.format(Locale.ROOT, "structure set %s, %d ROI(s) (%s)", set.label() == null ? "" : set.label(), set.rois().size(),
                String.join(", ", set.rois().stream().map(ImportedStructureSet.Roi::name).toList()));
    }
}
