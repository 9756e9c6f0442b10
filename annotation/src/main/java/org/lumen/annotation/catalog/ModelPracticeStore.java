// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.viewer.geometry.Vec3;

/** Reads a model's {@link ModelPractice} from the runs, findings, decisions and annotations in the catalog. */
public final class ModelPracticeStore {

    /** Score bands: tenths of the [0, 1] score range. */
    public static final double[] DEFAULT_BANDS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    /** A lesion within 10 mm of a finding (or within its own radius) was found. */
    public static final double MISSED_RADIUS_MM = 10;

    private final Db db;
    private final AnnotationStore annotations;

    ModelPracticeStore(Db db, AnnotationStore annotations) {
        this.db = db;
        this.annotations = annotations;
    }

    /** Runs of {@code modelId} (any version) since {@code since} (null: all), and what people did with them. */
    public ModelPractice of(String modelId, Instant since) {
        long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        record Row(long finding, String series, double score, Vec3 centre, long ranAt, String latest, Long firstDecidedAt, Long latestAt) { }
        List<Row> rows = db.read("cannot read the findings of model " + modelId, c -> Sql.list(c, """
                SELECT f.id, r.series_uid, f.score, f.centre_x, f.centre_y, f.centre_z, r.ran_at,
                       (SELECT d.kind FROM decision d WHERE d.finding_id = f.id ORDER BY d.id DESC LIMIT 1) AS latest,
                       (SELECT min(d.decided_at) FROM decision d WHERE d.finding_id = f.id) AS first_at,
                       (SELECT d.decided_at FROM decision d WHERE d.finding_id = f.id ORDER BY d.id DESC LIMIT 1) AS latest_at
                FROM finding f JOIN ai_run r ON r.id = f.run_id
                WHERE r.model_id = ? AND r.ran_at >= ?
                ORDER BY f.id""", rs -> new Row(rs.getLong(1), rs.getString(2), rs.getDouble(3),
                new Vec3(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)), rs.getLong(7), rs.getString(8),
                nullableLong(rs, 9), nullableLong(rs, 10)), modelId, from));
        int[] runsAndSeries = db.read("cannot count the runs of model " + modelId, c -> new int[] {
                Sql.one(c, "SELECT count(*) FROM ai_run WHERE model_id = ? AND ran_at >= ?", rs -> rs.getInt(1), modelId, from).orElse(0),
                Sql.one(c, "SELECT count(DISTINCT series_uid) FROM ai_run WHERE model_id = ? AND ran_at >= ?", rs -> rs.getInt(1),
                        modelId, from).orElse(0)});

        Map<DecisionKind, Integer> decisions = new EnumMap<>(DecisionKind.class);
        int[][] bands = new int[DEFAULT_BANDS.length - 1][5];
        List<Long> minutes = new ArrayList<>();
        Map<LocalDate, int[]> weeks = new TreeMap<>();
        Map<String, List<Vec3>> findingsBySeries = new TreeMap<>();
        int decided = 0;
        for (Row row : rows) {
            findingsBySeries.computeIfAbsent(row.series(), s -> new ArrayList<>()).add(row.centre());
            int band = band(row.score());
            bands[band][0]++;
            if (row.latest() == null) {
                continue;
            }
            DecisionKind kind = DecisionKind.valueOf(row.latest());
            decided++;
            decisions.merge(kind, 1, Integer::sum);
            bands[band][1 + kind.ordinal()]++;
            minutes.add((row.firstDecidedAt() - row.ranAt()) / 60_000);
            LocalDate week = Instant.ofEpochMilli(row.latestAt()).atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            int[] w = weeks.computeIfAbsent(week, x -> new int[4]);
            w[0]++;
            w[switch (kind) {
                case ACCEPT, EDIT -> 1;
                case REJECT -> 2;
                case UNCERTAIN -> 3;
            }]++;
        }
        List<ModelPractice.ScoreBand> bandList = new ArrayList<>();
        for (int b = 0; b < bands.length; b++) {
            int[] n = bands[b];
            bandList.add(new ModelPractice.ScoreBand(DEFAULT_BANDS[b], DEFAULT_BANDS[b + 1], n[0],
                    n[1 + DecisionKind.ACCEPT.ordinal()], n[1 + DecisionKind.EDIT.ordinal()], n[1 + DecisionKind.REJECT.ordinal()],
                    n[1 + DecisionKind.UNCERTAIN.ordinal()]));
        }
        List<ModelPractice.Week> trend = new ArrayList<>();
        weeks.forEach((start, w) -> trend.add(new ModelPractice.Week(start, w[0], w[1], w[2], w[3])));
        int[] lesions = humanLesions(findingsBySeries);
        return new ModelPractice(modelId, since, runsAndSeries[0], runsAndSeries[1], rows.size(), decided, decisions, bandList,
                median(minutes), lesions[0], lesions[1], MISSED_RADIUS_MM, trend);
    }

    /** {lesions drawn by people on the model's series, those with no finding nearby}. */
    private int[] humanLesions(Map<String, List<Vec3>> findingsBySeries) {
        int[] counts = new int[2];
        for (Map.Entry<String, List<Vec3>> series : findingsBySeries.entrySet()) {
            List<Long> drawn = db.read("cannot list the annotations of series " + series.getKey(), c -> manualAnnotations(c, series.getKey()));
            for (long id : drawn) {
                annotations.head(id).ifPresent(head -> {
                    for (double[] lesion : lesions(head.payload())) {
                        counts[0]++;
                        Vec3 centre = new Vec3(lesion[0], lesion[1], lesion[2]);
                        double reach = Math.max(MISSED_RADIUS_MM, lesion[3] / 2);
                        if (series.getValue().stream().noneMatch(f -> f.distance(centre) <= reach)) {
                            counts[1]++;
                        }
                    }
                });
            }
        }
        return counts;
    }

    /** Annotations a person started (their first revision is MANUAL), not ones made from a finding. */
    private static List<Long> manualAnnotations(Connection c, String seriesUid) throws SQLException {
        return Sql.list(c, """
                SELECT a.id FROM annotation a JOIN revision r ON r.annotation_id = a.id AND r.number = 1
                WHERE a.series_uid = ? AND r.origin = 'MANUAL' AND a.kind IN ('MASK', 'VECTOR')""", rs -> rs.getLong(1), seriesUid);
    }

    /** Each lesion of a payload as {x, y, z, diameter mm}: mask components, points and boxes (lines are measurements). */
    private static List<double[]> lesions(Payload payload) {
        List<double[]> out = new ArrayList<>();
        if (payload instanceof MaskPayload mask) {
            for (MaskLesions.Lesion l : MaskLesions.of(mask)) {
                out.add(new double[] {l.centre().x(), l.centre().y(), l.centre().z(), l.equivalentDiameterMm()});
            }
        } else if (payload instanceof VectorPayload vector) {
            for (VectorLabel label : vector.labels()) {
                switch (label) {
                    case PointLabel p -> out.add(new double[] {p.position().x(), p.position().y(), p.position().z(), 0});
                    case BoxLabel b -> out.add(new double[] {b.center().x(), b.center().y(), b.center().z(),
                            Math.max(b.widthMm(), Math.max(b.heightMm(), b.depthMm()))});
                    case LineLabel l -> { }
                }
            }
        }
        return out;
    }

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static int band(double score) {
        for (int b = DEFAULT_BANDS.length - 2; b >= 0; b--) {
            if (score >= DEFAULT_BANDS[b]) {
                return b;
            }
        }
        return 0;
    }

    private static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
