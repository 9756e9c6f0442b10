// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Study;

/** The study index: upserting from a DicomIndex, then listing and filtering without the files. */
class StudyIndexStoreTest {

    @TempDir
    Path dir;

    private Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void importKeepsStudySeriesAndInstancesWithTheirFiles() {
        ImportSummary summary = catalog.studies().upsert(Fixtures.index(4), "/data/import");

        assertThat(summary).isEqualTo(new ImportSummary(1, 1, 4));
        StudyRecord study = catalog.studies().study(Fixtures.STUDY).orElseThrow();
        assertThat(study.patientName()).isEqualTo("DOE^JANE");
        assertThat(study.patientId()).isEqualTo("P001");
        assertThat(study.studyDate()).isEqualTo("20240115");
        assertThat(study.description()).isEqualTo("CT CHEST");
        assertThat(study.modalities()).containsExactly("CT");
        assertThat(study.seriesCount()).isEqualTo(1);
        assertThat(study.instanceCount()).isEqualTo(4);
        assertThat(study.source()).isEqualTo("/data/import");

        SeriesRecord series = catalog.studies().series(Fixtures.STUDY).getFirst();
        assertThat(series.seriesUid()).isEqualTo(Fixtures.SERIES);
        assertThat(series.modality()).isEqualTo("CT");
        assertThat(series.kind()).isEqualTo("IMAGE");
        assertThat(series.instanceCount()).isEqualTo(4);
        assertThat(series.frameCount()).isEqualTo(4);
        assertThat(series.frameOfReferenceUid()).isEqualTo("1.2.3.4.5");

        List<InstanceRecord> instances = catalog.studies().instances(Fixtures.SERIES);
        assertThat(instances).extracting(InstanceRecord::instanceNumber).containsExactly(1, 2, 3, 4);
        assertThat(instances.getFirst().file()).isEqualTo(Path.of("/data/" + Fixtures.SERIES + ".1.dcm"));
        assertThat(instances.getFirst().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
    }

    @Test
    void importingAgainUpdatesWithoutDuplicatingOrForgetting() {
        catalog.studies().upsert(Fixtures.index(4), "first");
        DicomIndex renamed = Fixtures.index(Fixtures.STUDY, "DOE^JANE M", "P001", "20240115", "CT CHEST W/O", "CT", Fixtures.SERIES, 2);

        catalog.studies().upsert(renamed, "second");

        assertThat(catalog.counts().studies()).isEqualTo(1);
        assertThat(catalog.counts().instances()).isEqualTo(4);
        StudyRecord study = catalog.studies().study(Fixtures.STUDY).orElseThrow();
        assertThat(study.patientName()).isEqualTo("DOE^JANE M");
        assertThat(study.description()).isEqualTo("CT CHEST W/O");
        assertThat(study.source()).isEqualTo("second");
        assertThat(study.instanceCount()).isEqualTo(4);
    }

    @Test
    void filtersByPatientDateModalityAndDescriptionNewestFirst() {
        catalog.studies().upsert(merge(
                Fixtures.index("1.1", "SMITH^ANNA", "A100", "20230105", "CT CHEST", "CT", "1.1.1", 1),
                Fixtures.index("1.2", "SMITH^ANNA", "A100", "20240210", "MR BRAIN", "MR", "1.2.1", 1),
                Fixtures.index("1.3", "JONES^BOB", "B200", "20240301", "CT ABDOMEN 100%_done", "CT", "1.3.1", 1),
                Fixtures.index("1.4", "O'HARA^C", "C300", null, "CR CHEST", "CR", "1.4.1", 1)), "test");

        assertThat(uids(StudyFilter.all())).containsExactly("1.3", "1.2", "1.1", "1.4");
        assertThat(uids(StudyFilter.all().withPatient("smith"))).containsExactly("1.2", "1.1");
        assertThat(uids(StudyFilter.all().withPatient("B200"))).containsExactly("1.3");
        assertThat(uids(StudyFilter.all().withPatient("o'hara"))).containsExactly("1.4");
        assertThat(uids(StudyFilter.all().withDates("20240101", "20241231"))).containsExactly("1.3", "1.2");
        assertThat(uids(StudyFilter.all().withDates(null, "20231231"))).containsExactly("1.1");
        assertThat(uids(StudyFilter.all().withModality("ct"))).containsExactly("1.3", "1.1");
        assertThat(uids(StudyFilter.all().withDescription("chest"))).containsExactly("1.1", "1.4");
        assertThat(uids(StudyFilter.all().withDescription("100%_"))).containsExactly("1.3");
        assertThat(uids(StudyFilter.all().withDescription("0%"))).containsExactly("1.3");
        assertThat(uids(StudyFilter.all().withDescription("_"))).containsExactly("1.3");
        assertThat(uids(StudyFilter.all().withPatient("smith").withModality("MR"))).containsExactly("1.2");
        assertThat(uids(StudyFilter.all().withPage(2, 1))).containsExactly("1.2", "1.1");
        assertThat(catalog.studies().count(StudyFilter.all().withModality("CT").withPage(1, 0))).isEqualTo(2);
    }

    private List<String> uids(StudyFilter filter) {
        return catalog.studies().list(filter).stream().map(StudyRecord::studyUid).toList();
    }

    private static DicomIndex merge(DicomIndex... indexes) {
        List<Study> studies = new ArrayList<>();
        for (DicomIndex i : indexes) {
            studies.addAll(i.studies());
        }
        return new DicomIndex(studies, List.of());
    }
}
