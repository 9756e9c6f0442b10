// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;

/** The revision model: append-only, parent chains, restore, the AI's label beside the human one, stale heads. */
class AnnotationStoreTest {

    @TempDir
    Path dir;

    private Catalog catalog;
    private long ann;
    private long bob;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.sqlite"), Fixtures.fixedClock(Instant.parse("2026-01-02T03:04:05Z")));
        catalog.studies().upsert(Fixtures.index(3), "test");
        ann = catalog.people().ensure("ann", true, false).id();
        bob = catalog.people().ensure("bob", true, true).id();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void everySaveIsANewRevisionOnTheHeadItReplaces() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        assertThat(a.headRevisionId()).isNull();
        assertThat(a.reviewState()).isEqualTo(ReviewState.DRAFT);

        RevisionInfo r1 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(1), "one");
        RevisionInfo r2 = catalog.annotations().append(a.id(), bob, Origin.MANUAL, mask(2), "two");
        RevisionInfo r3 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(3), null);

        assertThat(catalog.annotations().history(a.id())).containsExactly(r1, r2, r3);
        assertThat(List.of(r1.number(), r2.number(), r3.number())).containsExactly(1, 2, 3);
        assertThat(r1.parentId()).isNull();
        assertThat(r2.parentId()).isEqualTo(r1.id());
        assertThat(r3.parentId()).isEqualTo(r2.id());
        assertThat(r2.authorId()).isEqualTo(bob);
        assertThat(r1.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(catalog.annotations().annotation(a.id()).orElseThrow().headRevisionId()).isEqualTo(r3.id());
        assertThat(maskOf(catalog.annotations().head(a.id()).orElseThrow())).isEqualTo(mask(3).mask());
        assertThat(maskOf(catalog.annotations().revision(r1.id()).orElseThrow())).isEqualTo(mask(1).mask());
    }

    @Test
    void restoringMakesANewRevisionWithTheOldContentOnTopOfTheHead() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        RevisionInfo r1 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(1), null);
        RevisionInfo r2 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(2), null);

        RevisionInfo r3 = catalog.annotations().restore(a.id(), r1.id(), bob, "back to the first");

        assertThat(r3.number()).isEqualTo(3);
        assertThat(r3.parentId()).isEqualTo(r2.id());
        assertThat(r3.restoredFromId()).isEqualTo(r1.id());
        assertThat(r3.payloadSha256()).isEqualTo(r1.payloadSha256());
        assertThat(r3.authorId()).isEqualTo(bob);
        assertThat(maskOf(catalog.annotations().head(a.id()).orElseThrow())).isEqualTo(mask(1).mask());
        assertThat(catalog.annotations().history(a.id())).hasSize(3);
        // The restored-over revision is still there.
        assertThat(maskOf(catalog.annotations().revision(r2.id()).orElseThrow())).isEqualTo(mask(2).mask());
    }

    @Test
    void theAisLabelAndTheHumanCorrectedLabelAreBothKept() {
        AiRun run = catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "lung-nodule", "1.0.0", "ab".repeat(32), "cuda:0",
                "{\"threshold\":0.5}", Map.of("infer", 120.0), null,
                List.of(new NewFinding(1, 0.93, "nodule", new Vec3(1, 2, 3), new Vec3(10, 10, 8), 418.9))));
        Finding finding = run.findings().getFirst();
        Origin fromAi = new Origin.FromAiFinding(run.id(), finding.id());

        AnnotationRevision original = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann,
                fromAi, mask(1), "from AI");
        long id = original.info().annotationId();
        RevisionInfo corrected = catalog.annotations().append(id, ann, Origin.MANUAL, mask(2), "trimmed the border");
        catalog.aiRuns().decide(finding.id(), DecisionKind.EDIT, ann, "border too wide", corrected.id());

        AnnotationRevision aiLabel = catalog.annotations().aiOriginal(id).orElseThrow();
        AnnotationRevision finalLabel = catalog.annotations().head(id).orElseThrow();
        assertThat(aiLabel.info().origin()).isEqualTo(fromAi);
        assertThat(maskOf(aiLabel)).isEqualTo(mask(1).mask());
        assertThat(maskOf(finalLabel)).isEqualTo(mask(2).mask());
        assertThat(finalLabel.info().parentId()).isEqualTo(aiLabel.id());
        assertThat(catalog.annotations().fromFinding(finding.id())).extracting(RevisionInfo::id).containsExactly(aiLabel.id());
        assertThat(catalog.aiRuns().latestDecision(finding.id()).orElseThrow().revisionId()).isEqualTo(corrected.id());
    }

    @Test
    void aRevisionFromAFindingOfAnotherSeriesIsRefused() {
        catalog.studies().upsert(Fixtures.index("9.9", "X", "X1", "20240101", "CT", "CT", "9.9.1", 1), "test");
        AiRun other = catalog.aiRuns().record(new NewAiRun("9.9.1", "m", "1", "00", "cpu", null, Map.of(), null,
                List.of(new NewFinding(1, 0.5, "nodule", new Vec3(0, 0, 0), new Vec3(1, 1, 1), null))));
        Origin wrong = new Origin.FromAiFinding(other.id(), other.findings().getFirst().id());

        assertThatThrownBy(() -> catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann, wrong,
                mask(1), null)).isInstanceOf(CatalogException.class).hasMessageContaining("is on series 9.9.1, not on annotation");
        assertThat(catalog.counts().annotations()).as("the whole change was rolled back").isZero();
        assertThatThrownBy(() -> catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann,
                new Origin.FromAiFinding(other.id(), 999), mask(1), null))
                .hasMessage("there is no finding 999 in AI run " + other.id());
    }

    @Test
    void aStaleHeadIsRefusedInsteadOfOverwritten() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        RevisionInfo r1 = catalog.annotations().appendIfHead(a.id(), null, ann, Origin.MANUAL, mask(1), null);
        catalog.annotations().appendIfHead(a.id(), r1.id(), bob, Origin.MANUAL, mask(2), null);

        assertThatThrownBy(() -> catalog.annotations().appendIfHead(a.id(), r1.id(), ann, Origin.MANUAL, mask(3), null))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessageContaining("changed since it was loaded (head was revision " + r1.id());
        assertThat(catalog.annotations().history(a.id())).hasSize(2);
    }

    @Test
    void contentOfTheWrongKindAndUnknownRowsAreRefusedWithSentences() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.VECTOR), ann);

        assertThatThrownBy(() -> catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(1), null))
                .hasMessage("annotation " + a.id() + " holds vector content, not mask");
        assertThatThrownBy(() -> catalog.annotations().append(12345, ann, Origin.MANUAL, mask(1), null))
                .hasMessage("there is no annotation 12345");
        assertThatThrownBy(() -> catalog.annotations().create(NewAnnotation.of("4.5.6", AnnotationKind.MASK), ann))
                .hasMessage("series 4.5.6 is not in the catalog; import or open its study first");
        assertThatThrownBy(() -> catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), 777))
                .hasMessage("there is no person 777 in the catalog");
    }

    @Test
    void historyTablesAreAppendOnlyInsideTheDatabase() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        RevisionInfo r1 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(1), null);

        for (String sql : List.of("UPDATE revision SET comment = 'x' WHERE id = " + r1.id(), "DELETE FROM revision")) {
            assertThatThrownBy(() -> catalog.db().write("tampering", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate(sql);
                }
            })).isInstanceOf(CatalogException.class).hasMessage("tampering: revisions are append-only");
        }
        Annotation other = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        assertThatThrownBy(() -> catalog.db().write("moving a head", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE annotation SET head_revision_id = " + r1.id() + " WHERE id = " + other.id());
            }
        })).isInstanceOf(CatalogException.class).hasMessage("moving a head: an annotation's head must be one of its own revisions");
        assertThat(catalog.annotations().history(a.id())).containsExactly(r1);
    }

    @Test
    void aDamagedRevisionIsReportedNotPainted() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        RevisionInfo r1 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(1), null);
        catalog.db().write("damaging a revision behind the catalog's back", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER revision_no_update");
                return s.executeUpdate("UPDATE revision SET data = replace(data, '\"columns\":32', '\"columns\":33') WHERE id = " + r1.id());
            }
        });

        assertThatThrownBy(() -> catalog.annotations().head(a.id()))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessage("revision " + r1.id() + " is damaged: its content no longer matches its checksum");
    }

    @Test
    void aDamagedMaskSliceIsReported() {
        Annotation a = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann);
        RevisionInfo r1 = catalog.annotations().append(a.id(), ann, Origin.MANUAL, mask(3), null);
        catalog.db().write("damaging a slice behind the catalog's back", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER mask_slice_no_update");
                return s.executeUpdate("UPDATE mask_slice SET data = zeroblob(length(data)) WHERE k = 4");
            }
        });

        assertThatThrownBy(() -> catalog.annotations().revision(r1.id()))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessage("revision " + r1.id() + " is damaged: slice 4 no longer matches its checksum");
    }

    @Test
    void loadCaseReturnsEveryAnnotationWithItsHead() {
        Annotation empty = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.VECTOR), ann);
        AnnotationRevision m = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann,
                Origin.MANUAL, mask(1), null);
        catalog.annotations().append(m.info().annotationId(), ann, Origin.MANUAL, mask(2), null);

        List<LoadedAnnotation> loaded = catalog.annotations().loadCase(Fixtures.SERIES);

        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).annotation().id()).isEqualTo(empty.id());
        assertThat(loaded.get(0).head()).isNull();
        assertThat(maskOf(loaded.get(1).head())).isEqualTo(mask(2).mask());
        assertThat(catalog.annotations().loadCase("no.such.series")).isEmpty();
    }

    /** A small mask whose content depends on {@code n}. */
    static MaskPayload mask(int n) {
        LabelMask m = new LabelMask(32, 32, 8);
        Fixtures.ball(m, 16, 16, 4, n, 1);
        m.set(n, 0, 0, 2);
        return new MaskPayload(m, Fixtures.geometry(32, 32, 8));
    }

    static LabelMask maskOf(AnnotationRevision r) {
        return ((MaskPayload) r.payload()).mask();
    }
}
