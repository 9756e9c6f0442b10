// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** Model-in-practice figures from runs, decisions and drawings made on a real catalog file, at controlled times. */
class ModelPracticeTest {

    @TempDir
    Path dir;

    /** A clock the test moves forward. */
    private static final class Manual extends Clock {
        private Instant now;

        Manual(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void ratesBandsTimeToDecisionMissedLesionsAndTrend() {
        Manual clock = new Manual(Instant.parse("2026-11-30T08:00:00Z")); // a Monday
        VolumeGeometry g = Fixtures.geometry(64, 64, 32);
        Vec3 drawnNearFinding = g.toPatient(20, 20, 10);
        Vec3 drawnFarFromAny = g.toPatient(50, 50, 25);
        try (Catalog catalog = Catalog.open(dir.resolve("c.sqlite"), CatalogOptions.defaults().withClock(clock))) {
            catalog.studies().upsert(Fixtures.index(1), "test");
            long reader = catalog.people().ensure("reader", true, true).id();
            AiRun run = catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "nodules", "1.0", "0f".repeat(32), "cpu", "{}", Map.of(),
                    null, List.of(
                            new NewFinding(1, 0.95, "nodule", drawnNearFinding.plus(new Vec3(3, 0, 0)), new Vec3(5, 5, 5), null),
                            new NewFinding(2, 0.85, "nodule", new Vec3(0, 0, 0), new Vec3(5, 5, 5), null),
                            new NewFinding(3, 0.35, "nodule", new Vec3(10, 0, 0), new Vec3(5, 5, 5), null),
                            new NewFinding(4, 0.15, "nodule", new Vec3(20, 0, 0), new Vec3(5, 5, 5), null))));
            List<Finding> f = run.findings();
            clock.advance(Duration.ofMinutes(4));
            catalog.aiRuns().decide(f.get(0).id(), DecisionKind.ACCEPT, reader, null, null);
            clock.advance(Duration.ofMinutes(2));
            catalog.aiRuns().decide(f.get(1).id(), DecisionKind.REJECT, reader, null, null);
            clock.advance(Duration.ofDays(7)); // the next week
            catalog.aiRuns().decide(f.get(2).id(), DecisionKind.UNCERTAIN, reader, null, null);
            // The first finding is revisited: its latest decision is what counts.
            catalog.aiRuns().decide(f.get(0).id(), DecisionKind.EDIT, reader, null, null);

            // The reader draws two lesions by hand: one where the model found one, one it missed. A label made from
            // a finding is not a lesion the model missed.
            LabelMask drawn = new LabelMask(64, 64, 32);
            Fixtures.ball(drawn, 20, 20, 10, 3, 1);
            Fixtures.ball(drawn, 50, 50, 25, 2, 1);
            catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), reader, Origin.MANUAL,
                    new MaskPayload(drawn, g), "by hand");
            LabelMask fromFinding = new LabelMask(64, 64, 32);
            Fixtures.ball(fromFinding, 5, 5, 5, 2, 1);
            catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), reader,
                    new Origin.FromAiFinding(run.id(), f.get(1).id()), new MaskPayload(fromFinding, g), "from the model");

            ModelPractice p = catalog.practice().of("nodules", null);

            assertThat(p.runs()).isEqualTo(1);
            assertThat(p.findings()).isEqualTo(4);
            assertThat(p.decided()).isEqualTo(3);
            assertThat(p.decisions()).containsEntry(DecisionKind.EDIT, 1).containsEntry(DecisionKind.REJECT, 1)
                    .containsEntry(DecisionKind.UNCERTAIN, 1).doesNotContainKey(DecisionKind.ACCEPT);
            assertThat(p.acceptanceRate()).isCloseTo(1 / 3.0, within(1e-12));
            // First decisions came 4, 6 and 10,086 minutes after the run.
            assertThat(p.medianMinutesToDecision()).isEqualTo(6.0);
            ModelPractice.ScoreBand top = p.bands().get(9);
            assertThat(top.findings()).isEqualTo(1);
            assertThat(top.edited()).isEqualTo(1);
            assertThat(p.bands().get(8).rejected()).isEqualTo(1);
            assertThat(p.bands().get(1).findings()).isEqualTo(1);
            assertThat(p.bands().get(1).decided()).isZero();
            assertThat(p.humanLesions()).isEqualTo(2);
            assertThat(p.humanLesionsMissed()).isEqualTo(1);
            // Weeks by the latest decision: REJECT in the first week; UNCERTAIN and the EDIT in the second.
            assertThat(p.trend()).extracting(ModelPractice.Week::start)
                    .containsExactly(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-07"));
            assertThat(p.trend().get(0).rejected()).isEqualTo(1);
            assertThat(p.trend().get(1).accepted()).isEqualTo(1);
            assertThat(p.trend().get(1).uncertain()).isEqualTo(1);

            assertThat(catalog.practice().of("nodules", Instant.parse("2026-12-01T00:00:00Z")).runs()).isZero();
            assertThat(catalog.practice().of("another-model", null).findings()).isZero();
        }
    }

    @Test
    void maskLesionsHaveTheirCentreVolumeAndEquivalentDiameter() {
        VolumeGeometry g = Fixtures.geometry(64, 64, 32);
        LabelMask mask = new LabelMask(64, 64, 32);
        for (int k = 10; k < 12; k++) {
            for (int j = 30; j < 34; j++) {
                for (int i = 40; i < 43; i++) {
                    mask.set(i, j, k, 2);
                }
            }
        }
        Fixtures.ball(mask, 10, 10, 5, 1, 1);

        List<MaskLesions.Lesion> lesions = MaskLesions.of(new MaskPayload(mask, g));

        assertThat(lesions).hasSize(2);
        MaskLesions.Lesion box = lesions.stream().filter(l -> l.label() == 2).findFirst().orElseThrow();
        assertThat(box.voxels()).isEqualTo(24);
        Vec3 expected = g.toPatient(41, 31.5, 10.5);
        assertThat(box.centre().distance(expected)).isLessThan(1e-9);
        double voxelMm3 = 0.9765625 * 0.9765625 * g.sliceSpacing();
        assertThat(box.volumeMm3()).isCloseTo(24 * voxelMm3, within(1e-9));
        assertThat(box.equivalentDiameterMm()).isCloseTo(Math.cbrt(6 * 24 * voxelMm3 / Math.PI), within(1e-9));
        assertThat(lesions.stream().filter(l -> l.label() == 1).findFirst().orElseThrow().voxels()).isEqualTo(7);
    }
}
