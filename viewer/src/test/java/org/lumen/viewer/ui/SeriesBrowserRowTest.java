// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.ObjectKind;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.SeriesInfo;
import org.lumen.viewer.index.Study;
import org.lumen.viewer.index.StudyInfo;
import org.lumen.viewer.ui.SeriesBrowserRow.PatientRow;
import org.lumen.viewer.ui.SeriesBrowserRow.SeriesRow;
import org.lumen.viewer.ui.SeriesBrowserRow.StudyRow;

/** The browser's rows and words, without JavaFX. */
class SeriesBrowserRowTest {

    private static final PatientInfo DOE = new PatientInfo("Doe^Jane", "P-1", "19600229", "F");
    private static final PatientInfo ROE = new PatientInfo("Roe^Richard", "P-2", null, "M");

    @Test
    void rowsGoPatientThenStudyThenItsSeries() {
        Study ct = study("1.1", DOE, "20240101", "Thorax", image("1.1.1", 2, "CT", "Lungs", 3), image("1.1.2", 3, "CT", "Bone", 3));
        Study mr = study("2.1", ROE, "20240102", "Knee", image("2.1.1", 1, "MR", "T1", 2));
        Study later = study("1.2", DOE, "20240103", "Follow-up", image("1.2.1", 1, "CT", "Lungs", 1),
                nonImage("1.2.2", 99, "SR", ObjectKind.STRUCTURED_REPORT));
        List<SeriesBrowserRow> rows = SeriesBrowserRow.of(new DicomIndex(List.of(ct, mr, later), List.of()));

        // Doe's two studies stay together even though Roe's study lies between them in the index.
        assertThat(rows).extracting(SeriesBrowserRowTest::shape).containsExactly(
                "patient P-1 (2)", "study 1.1", "series 1.1.1", "series 1.1.2", "study 1.2", "series 1.2.1", "series 1.2.2",
                "patient P-2 (1)", "study 2.1", "series 2.1.1");
        assertThat(((SeriesRow) rows.get(2)).study()).isSameAs(ct);
        assertThat(SeriesBrowserRow.series(rows)).extracting(Series::uid)
                .containsExactly("1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1");
    }

    @Test
    void anEmptyIndexHasNoRows() {
        assertThat(SeriesBrowserRow.of(new DicomIndex(List.of(), List.of()))).isEmpty();
    }

    @Test
    void selectionSkipsHeadersInTheDirectionOfTravel() {
        Study a = study("1.1", DOE, "20240101", "A", image("1.1.1", 1, "CT", "x", 1), image("1.1.2", 2, "CT", "y", 1));
        Study b = study("1.2", DOE, "20240102", "B", image("1.2.1", 1, "CT", "z", 1));
        List<SeriesBrowserRow> rows = SeriesBrowserRow.of(new DicomIndex(List.of(a, b), List.of()));
        // 0 patient, 1 study A, 2 series, 3 series, 4 study B, 5 series
        assertThat(SeriesBrowserRow.nearestSeries(rows, 3, 4)).as("down onto a header").isEqualTo(5);
        assertThat(SeriesBrowserRow.nearestSeries(rows, 5, 4)).as("up onto a header").isEqualTo(3);
        assertThat(SeriesBrowserRow.nearestSeries(rows, 2, 1)).as("up past the first series: turn back").isEqualTo(2);
        assertThat(SeriesBrowserRow.nearestSeries(rows, -1, 0)).as("click on the patient").isEqualTo(2);
        assertThat(SeriesBrowserRow.nearestSeries(rows, 2, 3)).isEqualTo(3);
        assertThat(SeriesBrowserRow.nearestSeries(rows, 2, 9)).isEqualTo(-1);
        assertThat(SeriesBrowserRow.nearestSeries(List.of(new PatientRow(DOE, 0)), -1, 0)).isEqualTo(-1);
    }

    @Test
    void personNamesReadFamilyCommaGiven() {
        assertThat(SeriesBrowserLabels.personName("Doe^Jane")).isEqualTo("Doe, Jane");
        assertThat(SeriesBrowserLabels.personName("Doe^Jane^Mary^Dr.^Jr.")).isEqualTo("Doe, Jane Mary Jr.");
        assertThat(SeriesBrowserLabels.personName("Doe")).isEqualTo("Doe");
        assertThat(SeriesBrowserLabels.personName("^Jane")).isEqualTo("Jane");
        assertThat(SeriesBrowserLabels.personName("=山田^太郎")).isEqualTo("山田, 太郎");
        assertThat(SeriesBrowserLabels.personName("Yamada^Tarou=山田^太郎")).isEqualTo("Yamada, Tarou");
        assertThat(SeriesBrowserLabels.personName("")).isEqualTo("(no name)");
        assertThat(SeriesBrowserLabels.personName("^^^")).isEqualTo("(no name)");
        assertThat(SeriesBrowserLabels.personName(null)).isEqualTo("(no name)");
    }

    @Test
    void datesAreShownIsoLike() {
        assertThat(SeriesBrowserLabels.date("20240131")).isEqualTo("2024-01-31");
        assertThat(SeriesBrowserLabels.date("2024.01.31")).isEqualTo("2024-01-31");
        assertThat(SeriesBrowserLabels.date("garbage")).isEqualTo("garbage");
        assertThat(SeriesBrowserLabels.date(" ")).isEmpty();
        assertThat(SeriesBrowserLabels.date(null)).isEmpty();
    }

    @Test
    void patientAndStudyHeadersSayWhoWhenWhatAndHowMuch() {
        Study study = study("1.1", DOE, "20240101", "Thorax", image("1.1.1", 2, "CT", "Lungs", 3),
                nonImage("1.1.2", 3, "SR", ObjectKind.STRUCTURED_REPORT), image("1.1.3", 4, "CT", "Bone", 3));
        assertThat(SeriesBrowserLabels.patientLine(DOE)).isEqualTo("Doe, Jane  ·  ID P-1  ·  1960-02-29  ·  F");
        assertThat(SeriesBrowserLabels.patientLine(new PatientInfo(null, null, null, null))).isEqualTo("(no name)");
        assertThat(SeriesBrowserLabels.modalities(study)).isEqualTo("CT, SR");
        assertThat(SeriesBrowserLabels.studyLine(study)).isEqualTo("2024-01-01  ·  Thorax  ·  CT, SR  ·  3 series");
        Study bare = new Study(new StudyInfo("9", null, null, null, null, null), DOE, List.of());
        assertThat(SeriesBrowserLabels.studyLine(bare)).isEqualTo("no date  ·  (no description)  ·  0 series");
    }

    @Test
    void seriesLabelsCountImagesAndMarkNonImageKinds() {
        Series ct = image("1.1.1", 3, "CT", "Lungs 1 mm", 120);
        assertThat(SeriesBrowserLabels.seriesTitle(ct)).isEqualTo("CT #3");
        assertThat(SeriesBrowserLabels.seriesDetail(ct)).isEqualTo("Lungs 1 mm  ·  120 images");
        assertThat(SeriesBrowserLabels.kindMarker(ct)).isEmpty();
        assertThat(SeriesBrowserLabels.seriesCount(image("1.1.4", 1, "CR", "Chest", 1))).isEqualTo("1 image");

        Series sr = nonImage("1.1.2", 99, "SR", ObjectKind.STRUCTURED_REPORT);
        assertThat(SeriesBrowserLabels.kindMarker(sr)).isEqualTo("SR");
        assertThat(SeriesBrowserLabels.seriesCount(sr)).isEqualTo("1 object");
        assertThat(SeriesBrowserLabels.seriesTooltip(sr)).contains("structured report (SR)").contains("1.1.2");
        assertThat(SeriesBrowserLabels.kindMarker(nonImage("1.1.3", null, "SEG", ObjectKind.SEGMENTATION))).isEqualTo("SEG");

        Series unnamed = series(new SeriesInfo("1.1.5", null, null, null, null, null), List.of(header("1.1.5", ObjectKind.IMAGE, 1)));
        assertThat(SeriesBrowserLabels.seriesTitle(unnamed)).isEqualTo("?");
        assertThat(SeriesBrowserLabels.seriesDescription(unnamed)).isEqualTo("(no description)");
        assertThat(SeriesBrowserLabels.seriesName(ct)).isEqualTo("CT #3 Lungs 1 mm");
        for (ObjectKind kind : ObjectKind.values()) {
            assertThat(SeriesBrowserLabels.kindMarker(kind).isEmpty()).as(kind.name()).isEqualTo(kind.isImage());
        }
    }

    @Test
    void rowTextIsWhatAScreenReaderHears() {
        Study study = study("1.1", DOE, "20240101", "Thorax", image("1.1.1", 2, "CT", "Lungs", 3));
        List<SeriesBrowserRow> rows = SeriesBrowserRow.of(new DicomIndex(List.of(study), List.of()));
        assertThat(rows).extracting(SeriesBrowserRow::text).containsExactly(
                "Doe, Jane  ·  ID P-1  ·  1960-02-29  ·  F",
                "2024-01-01  ·  Thorax  ·  CT  ·  1 series",
                "CT #2 Lungs  ·  3 images");
    }

    // ------------------------------------------------------------------ helpers

    private static String shape(SeriesBrowserRow row) {
        return switch (row) {
            case PatientRow p -> "patient " + p.patient().id() + " (" + p.studyCount() + ")";
            case StudyRow s -> "study " + s.study().uid();
            case SeriesRow s -> "series " + s.series().uid();
        };
    }

    private static Study study(String uid, PatientInfo patient, String date, String description, Series... series) {
        return new Study(new StudyInfo(uid, date, "120000", description, null, null), patient, List.of(series));
    }

    private static Series image(String uid, Integer number, String modality, String description, int images) {
        List<InstanceHeader> instances = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            instances.add(header(uid + "." + i, ObjectKind.IMAGE, 1));
        }
        return series(new SeriesInfo(uid, number, description, modality, null, "CHEST"), instances);
    }

    private static Series nonImage(String uid, Integer number, String modality, ObjectKind kind) {
        return series(new SeriesInfo(uid, number, null, modality, null, null), List.of(header(uid + ".1", kind, 0)));
    }

    private static Series series(SeriesInfo info, List<InstanceHeader> instances) {
        return new Series(info, instances);
    }

    private static InstanceHeader header(String sopUid, ObjectKind kind, int frames) {
        PixelDescription pixels = frames == 0 ? null
                : new PixelDescription(8, 8, frames, 1, 16, 12, 11, false, 0, Photometric.MONOCHROME2);
        return new InstanceHeader(Path.of(sopUid + ".dcm"), "1.2.840.10008.5.1.4.1.1.2", sopUid, "1.2.840.10008.1.2.1",
                null, kind, DOE, null, null, null, null, null, List.of(), new double[0], pixels, null, List.of(), List.of(),
                null, null);
    }
}
