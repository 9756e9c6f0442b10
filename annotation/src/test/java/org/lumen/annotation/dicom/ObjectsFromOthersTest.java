// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.exchange.ImportedReport;
import org.lumen.annotation.exchange.ImportedStructureSet;

/**
 * Structure sets and reports written by other tools (pydicom's RT Structure Set, DCMTK's SR samples)
 * read into Lumen's domain types, checked against pydicom reading the same files.
 */
class ObjectsFromOthersTest {

    private static final Path SAMPLES = SegmentationImportTest.SAMPLES;

    @Test
    void readsTheRtStructureSetsRoisColoursAndContoursAsPydicomDoes() throws Exception {
        ImportedStructureSet set = StructureSetImport.read(SAMPLES.resolve("rtstruct.dcm"));
        assertThat(set.label()).isEqualTo("sep30");
        assertThat(set.rois()).extracting(ImportedStructureSet.Roi::name).containsExactly("patient", "Isocenter 1", "Isocenter 2");
        assertThat(set.rois().getFirst().colour()).isEqualTo("#dca078");
        assertThat(set.rois().get(1).contours()).singleElement().satisfies(c -> assertThat(c.geometricType()).isEqualTo("POINT"));

        ExternalTools.assumePydicom();
        String script = String.join("\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1], force=True)",
                "names = {r.ROINumber: r.ROIName for r in ds.StructureSetROISequence}",
                "for c in ds.ROIContourSequence:",
                "    for k in c.ContourSequence:",
                "        d = [float(v) for v in k.ContourData]",
                "        print(names[c.ReferencedROINumber], k.ContourGeometricType, len(d) // 3, round(sum(d), 3))");
        ExternalTools.Output out = ExternalTools.python(script, SAMPLES.resolve("rtstruct.dcm").toString());
        assertThat(out.exit()).as(out.text()).isZero();
        List<String> lumen = new ArrayList<>();
        for (ImportedStructureSet.Roi roi : set.rois()) {
            for (ImportedStructureSet.Contour c : roi.contours()) {
                double sum = c.points().stream().mapToDouble(p -> p.x() + p.y() + p.z()).sum();
                lumen.add(roi.name() + " " + c.geometricType() + " " + c.points().size() + " " + Math.round(sum * 1000) / 1000.0);
            }
        }
        assertThat(lumen).containsExactlyElementsOf(out.text().lines().toList());
    }

    @Test
    void readsReportsOfOtherTemplatesWithTheirNumbersAndNoMeasurementGroups() throws Exception {
        ImportedReport comprehensive = MeasurementReportImport.read(SAMPLES.resolve("test-SR.dcm"));
        ImportedReport text = MeasurementReportImport.read(SAMPLES.resolve("reportsi.dcm"));
        assertThat(comprehensive.groups()).isEmpty();
        assertThat(comprehensive.title().meaning()).isEqualTo("Diagnosis");
        assertThat(text.title().meaning()).isEqualTo("Document Title");

        ExternalTools.assumePydicom();
        String script = String.join("\n",
                "import sys, pydicom",
                "def count(items):",
                "    return sum((1 if i.get('ValueType') == 'NUM' else 0) + count(i.get('ContentSequence', [])) for i in items)",
                "for f in sys.argv[1:]:",
                "    print(count(pydicom.dcmread(f).get('ContentSequence', [])))");
        ExternalTools.Output out = ExternalTools.python(script, SAMPLES.resolve("test-SR.dcm").toString(),
                SAMPLES.resolve("reportsi.dcm").toString());
        assertThat(out.exit()).as(out.text()).isZero();
        assertThat(out.text().lines().toList()).containsExactly(String.valueOf(comprehensive.numericValues()),
                String.valueOf(text.numericValues()));
    }

    @Test
    void refusesObjectsOfAnotherKindInASentence() {
        assertThatThrownBy(() -> SegmentationImport.read(SAMPLES.resolve("rtstruct.dcm"))).isInstanceOf(IOException.class)
                .hasMessageContaining("rtstruct.dcm is not a DICOM Segmentation");
        assertThatThrownBy(() -> StructureSetImport.read(SAMPLES.resolve("liver.dcm"))).isInstanceOf(IOException.class)
                .hasMessageContaining("liver.dcm is not an RT Structure Set");
        assertThatThrownBy(() -> MeasurementReportImport.read(SAMPLES.resolve("rtplan.dcm"))).isInstanceOf(IOException.class)
                .hasMessageContaining("rtplan.dcm is not a structured report");
    }
}
