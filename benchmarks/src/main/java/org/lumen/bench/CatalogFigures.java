// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.Durability;
import org.lumen.annotation.catalog.LoadedAnnotation;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.RevisionInfo;
import org.lumen.annotation.catalog.StudyFilter;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.Brush;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.EditHistory;
import org.lumen.annotation.edit.MaskEdit;
import org.lumen.annotation.edit.MaskEditor;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.MaskCodec;
import org.lumen.annotation.mask.SliceRuns;
import org.lumen.io.Folders;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The catalog's targets (issue 5; docs/performance.md, "Annotation and catalog"), on real SQLite
 * files in a temporary folder, each beside a baseline measured in the same run:
 * <ol>
 *   <li>saving a brush stroke on a 512×512×300 mask as the workstation's autosave does (copy the
 *       changed slices, {@code appendMaskSlices}, the dataset member lookup) ≤ 10 ms at the 95th
 *       percentile, against a bare INSERT of the same bytes into a plain table of the same file with
 *       the same durability, one transaction each;</li>
 *   <li>loading all annotations of a case ({@code loadCase}) ≤ 50 ms, against decoding the same
 *       masks' stored slice blobs in memory;</li>
 *   <li>listing and filtering 10,000 studies &lt; 100 ms, against a plain {@code SELECT COUNT(*)}.</li>
 * </ol>
 */
final class CatalogFigures {

    static final double STROKE_TARGET_MS = 10;
    static final double LOAD_TARGET_MS = 50;
    static final double LIST_TARGET_MS = 100;

    /** How much to measure. */
    /** Unmeasured rounds of case loads (with their decode-only baselines) before the measured ones. */
    static final int LOAD_WARMUP_ROUNDS = 40;

    record Plan(int strokes, int warmupStrokes, int loadRepeat, int studies, int listRepeat) {
        static Plan of(boolean quick, int strokes, int studies) {
            return new Plan(strokes, quick ? 30 : 60, quick ? 40 : 120, studies, quick ? 15 : 40);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CatalogFigures() { }

    static List<Measurement> run(Path root, Plan plan) throws Exception {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, "catalog-");
        System.err.printf("catalog benchmarks in %s (file system %s)%n", dir, Files.getFileStore(dir).type());
        List<Measurement> m = new ArrayList<>();
        try {
            // One unmeasured pass of both kinds of stroke first, so the JIT has compiled the whole save
            // path before the first measured series (each series still warms up on its own file).
            System.err.println("catalog: warming up the save path ...");
            Plan warm = new Plan(plan.warmupStrokes(), plan.warmupStrokes(), plan.loadRepeat(), plan.studies(), plan.listRepeat());
            strokes(dir, Brush.Shape.DISC, Durability.PROCESS_CRASH, warm);
            strokes(dir, Brush.Shape.SPHERE, Durability.PROCESS_CRASH, warm);
            for (Brush.Shape shape : List.of(Brush.Shape.DISC, Brush.Shape.SPHERE)) {
                for (Durability d : Durability.values()) {
                    m.addAll(strokes(dir, shape, d, plan));
                }
            }
            m.addAll(loadCase(dir, plan));
            m.addAll(listing(dir, plan));
            m.addAll(auditWrites(dir, plan));
        } finally {
            Folders.deleteTree(dir);
        }
        return m;
    }

    // ---------------------------------------------------------------- 1. saving a brush stroke

    private static List<Measurement> strokes(Path dir, Brush.Shape shape, Durability durability, Plan plan) throws Exception {
        Path file = Files.createTempFile(dir, "strokes-" + shape.name().toLowerCase(Locale.ROOT) + "-"
                + durability.name().toLowerCase(Locale.ROOT) + "-", ".sqlite");
        Files.delete(file);
        VolumeGeometry g = CatalogData.geometry();
        String study = CatalogData.UID_ROOT + ".2";
        String series = study + ".1";
        System.err.printf("catalog: %d strokes (+%d warm-up), %s, on a %dx%dx%d mask, %s ...%n", plan.strokes(), plan.warmupStrokes(),
                CatalogData.Strokes.describe(shape), g.columns(), g.rows(), g.slices(), durability);
        int total = plan.warmupStrokes() + plan.strokes();
        long[] save = new long[plan.strokes()];
        long[] append = new long[plan.strokes()];
        long[] bare = new long[plan.strokes()];
        long[] encode = new long[plan.strokes()];
        long[] copy = new long[plan.strokes()];
        long[] member = new long[plan.strokes()];
        long[] cpu = new long[plan.strokes()];
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        int digest = 0;
        long[] stored = new long[plan.strokes()];
        int[] slices = new int[plan.strokes()];
        long firstRevisionBytes;
        int labelledAtStart;
        try (Catalog catalog = Catalog.open(file, CatalogOptions.defaults().withDurability(durability));
             BareTable baseline = BareTable.open(file, durability)) {
            catalog.studies().upsert(CatalogData.caseIndex(study, series, g.slices()), "/data/lumen-bench/case");
            long person = catalog.people().ensure("annotator 1", true, false).id();
            long dataset = catalog.datasets().create("strokes", "lumen bench", null).id();
            catalog.datasets().addMembers(dataset, List.of(series));
            List<CatalogData.Lesion> lesions = CatalogData.lesions(0);
            LabelMask mask = CatalogData.mask(g, lesions);
            labelledAtStart = mask.labelledSlices().cardinality();
            var first = catalog.annotations().create(new NewAnnotation(series, dataset, AnnotationKind.MASK, null), person,
                    Origin.MANUAL, new MaskPayload(mask, g), "first revision");
            long annotation = first.info().annotationId();
            firstRevisionBytes = first.info().storedBytes();
            MaskEditor editor = new MaskEditor(mask, new EditHistory());
            CatalogData.Strokes strokes = new CatalogData.Strokes(editor, g, lesions, 7, shape);
            for (int s = 0; s < total; s++) {
                MaskEdit edit = strokes.next();
                BitSet changed = edit.slices();
                // What the workstation does: Autosave snapshots the changed slices as runs (on the UI thread), then
                // Labelling.CatalogSaver saves them and looks up the case's dataset member (on the lane).
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Map<Integer, SliceRuns> copies = new HashMap<>();
                for (int k = changed.nextSetBit(0); k >= 0; k = changed.nextSetBit(k + 1)) {
                    copies.put(k, SliceRuns.of(mask.sliceOrNull(k), g.columns() * g.rows()));
                }
                long t1 = System.nanoTime();
                RevisionInfo saved = catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL, g, copies, edit.name());
                long t2 = System.nanoTime();
                catalog.datasets().member(dataset, series).filter(m -> m.status() == MemberStatus.TODO)
                        .ifPresent(m -> catalog.datasets().setStatus(dataset, series, MemberStatus.IN_PROGRESS));
                long t3 = System.nanoTime();
                long cpu3 = THREADS.getCurrentThreadCpuTime();

                // Baseline: the same bytes (each changed slice's blob, plus one row the size of the
                // revision's manifest and geometry) inserted bare, in one transaction.
                // Encoding them as the catalog does (MaskCodec and SHA-256 per slice, before its lock) is
                // timed on its own: the catalog's part of a stroke = this + its transaction.
                List<byte[]> rows = new ArrayList<>();
                long blobBytes = 0;
                long e0 = System.nanoTime();
                for (Map.Entry<Integer, SliceRuns> e : copies.entrySet()) {
                    byte[] blob = e.getValue().isEmpty() ? null : MaskCodec.encodeSlice(g.columns(), g.rows(), e.getValue());
                    if (blob != null) {
                        sha256.update(blob);
                        digest ^= sha256.digest()[0];
                        rows.add(blob);
                        blobBytes += blob.length;
                    }
                }
                long e1 = System.nanoTime();
                rows.add(new byte[(int) Math.max(1, saved.storedBytes() - blobBytes)]);
                long bareNanos = baseline.insertNanos(rows);

                int i = s - plan.warmupStrokes();
                if (i >= 0) {
                    save[i] = t3 - t0;
                    append[i] = t2 - t1;
                    bare[i] = bareNanos;
                    encode[i] = e1 - e0;
                    copy[i] = t1 - t0;
                    member[i] = t3 - t2;
                    cpu[i] = cpu3 - cpu0;
                    stored[i] = saved.storedBytes();
                    slices[i] = changed.cardinality();
                }
            }
            // The benchmark saved what it painted: the head read back is the edited mask.
            var head = catalog.annotations().head(annotation).orElseThrow();
            if (!(head.payload() instanceof MaskPayload p) || !p.mask().equals(mask)) {
                throw new IllegalStateException("the catalog's head revision differs from the mask the strokes painted");
            }
        }
        FrameTimes t = new FrameTimes(save);
        FrameTimes a = new FrameTimes(append);
        FrameTimes b = new FrameTimes(bare);
        FrameTimes e = new FrameTimes(encode);
        if (digest == 4242) {
            System.err.println();
        }
        String what = "catalog: save a " + (shape == Brush.Shape.DISC ? "2D" : "3D") + " brush stroke, " + durability;
        String base = "bare INSERT of the same bytes, 1 transaction, same file and durability";
        List<Measurement> m = new ArrayList<>();
        m.add(new Measurement(what + ", p50", t.percentileMs(50), "ms", base + ", p50", b.percentileMs(50),
                String.format(Locale.ROOT, "%d strokes after %d warm-up; copies + appendMaskSlices + member lookup; appendMaskSlices "
                        + "alone p50 %.2f ms, of which encoding the slices (MaskCodec + SHA-256) p50 %.2f ms",
                        plan.strokes(), plan.warmupStrokes(), a.percentileMs(50), e.percentileMs(50))));
        m.add(new Measurement(what + ", p95", t.percentileMs(95), "ms", base + ", p95", b.percentileMs(95),
                String.format(Locale.ROOT, "target <= %.0f ms; appendMaskSlices alone p95 %.2f ms, encoding p95 %.2f ms", STROKE_TARGET_MS,
                        a.percentileMs(95), e.percentileMs(95))));
        FrameTimes c = new FrameTimes(copy);
        FrameTimes l = new FrameTimes(member);
        FrameTimes onCpu = new FrameTimes(cpu);
        m.add(new Measurement(what + ", p99", t.percentileMs(99), "ms", base + ", p99", b.percentileMs(99),
                String.format(Locale.ROOT, "snapshotting the slices (runs) p50 %.2f / p95 %.2f ms; member lookup p50 %.2f / p95 %.2f ms",
                        c.percentileMs(50), c.percentileMs(95), l.percentileMs(50), l.percentileMs(95))));
        m.add(new Measurement(what + ", max", t.maxMs(), "ms", base + ", max", b.maxMs(),
                String.format(Locale.ROOT, "mean %.2f ms (baseline %.2f ms); CPU time of the saving thread (user + kernel, fsync's "
                        + "writeback included) per save p50 %.2f / p95 %.2f / max %.2f ms", t.meanMs(), b.meanMs(),
                        onCpu.percentileMs(50), onCpu.percentileMs(95), onCpu.maxMs())));
        int[] sortedSlices = slices.clone();
        Arrays.sort(sortedSlices);
        m.add(new Measurement(what + ", bytes stored per stroke", Arrays.stream(stored).average().orElse(0), "B", null, null,
                String.format(Locale.ROOT, "median %d B; %s, on lesion borders (every 4th erases): slices changed per stroke median %d (%d-%d); first revision (whole mask, %d "
                        + "labelled slices) %,d B", median(stored), CatalogData.Strokes.describe(shape), sortedSlices[sortedSlices.length / 2], sortedSlices[0],
                        sortedSlices[sortedSlices.length - 1], labelledAtStart, firstRevisionBytes)));
        return m;
    }

    // ---------------------------------------------------------------- 2. loading a case

    private static List<Measurement> loadCase(Path dir, Plan plan) throws Exception {
        Path file = dir.resolve("cases.sqlite");
        VolumeGeometry g = CatalogData.geometry();
        String study = CatalogData.UID_ROOT + ".3";
        String oneReader = study + ".1";
        String threeReaders = study + ".2";
        System.err.printf("catalog: loadCase with one and with three annotators, %d times each ...%n", plan.loadRepeat());
        List<Measurement> m = new ArrayList<>();
        try (Catalog catalog = Catalog.open(file)) {
            catalog.studies().upsert(CatalogData.caseIndex(study, oneReader, g.slices()), "/data/lumen-bench/case");
            catalog.studies().upsert(CatalogData.caseIndex(study, threeReaders, g.slices()), "/data/lumen-bench/case");
            long dataset = catalog.datasets().create("cases", "lumen bench", null).id();
            catalog.datasets().addMembers(dataset, List.of(oneReader, threeReaders));
            List<LabelMask> one = List.of(annotate(catalog, dataset, oneReader, "annotator 1", 0, g));
            List<LabelMask> three = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                three.add(annotate(catalog, dataset, threeReaders, "annotator " + (a + 1), a, g));
            }
            check(catalog.annotations().loadCase(oneReader), one, 3);
            check(catalog.annotations().loadCase(threeReaders), three, 9);
            // The decode-only floor: the same slice blobs the catalog holds, decoded into a mask in memory.
            List<Map<Integer, byte[]>> oneBlobs = blobs(one);
            List<Map<Integer, byte[]>> threeBlobs = blobs(three);
            // Enough warm-up rounds to allocate the whole heap once (about 180 MB a round): the measured loads
            // then meet heap pages ZGC has used before, as in a workstation that has been open a while, not
            // pages the kernel must first fault in and zero (see docs/performance.md).
            for (int w = 0; w < LOAD_WARMUP_ROUNDS; w++) {
                catalog.annotations().loadCase(oneReader);
                catalog.annotations().loadCase(threeReaders);
                decode(oneBlobs, g);
                decode(threeBlobs, g);
            }
            int n = plan.loadRepeat();
            long[] l1 = new long[n];
            long[] d1 = new long[n];
            long[] l3 = new long[n];
            long[] d3 = new long[n];
            int sink = 0;
            for (int r = 0; r < n; r++) {
                long t0 = System.nanoTime();
                sink += catalog.annotations().loadCase(oneReader).size();
                long t1 = System.nanoTime();
                sink += decode(oneBlobs, g);
                long t2 = System.nanoTime();
                sink += catalog.annotations().loadCase(threeReaders).size();
                long t3 = System.nanoTime();
                sink += decode(threeBlobs, g);
                long t4 = System.nanoTime();
                l1[r] = t1 - t0;
                d1[r] = t2 - t1;
                l3[r] = t3 - t2;
                d3[r] = t4 - t3;
            }
            if (sink == 42) {
                System.err.println();
            }
            addLoad(m, "1 annotator (mask, 20 boxes, a classification)", one, l1, d1);
            addLoad(m, "3 annotators (each: mask, 20 boxes, a classification)", three, l3, d3);
        }
        return m;
    }

    /**
     * One annotator's work on a case, saved as the workstation saves it: the whole mask first, then 20
     * strokes; 20 boxes, one revision each (a step per box drawn); a series classification.
     * Returns the mask as it ends up.
     */
    private static LabelMask annotate(Catalog catalog, long dataset, String series, String name, int variant, VolumeGeometry g) {
        long person = catalog.people().ensure(name, true, false).id();
        List<CatalogData.Lesion> lesions = CatalogData.lesions(variant);
        LabelMask mask = CatalogData.mask(g, lesions);
        long annotation = catalog.annotations().create(new NewAnnotation(series, dataset, AnnotationKind.MASK, null), person,
                Origin.MANUAL, new MaskPayload(mask, g), "first revision").info().annotationId();
        MaskEditor editor = new MaskEditor(mask, new EditHistory());
        CatalogData.Strokes strokes = new CatalogData.Strokes(editor, g, lesions, 100 + variant, Brush.Shape.SPHERE);
        for (int s = 0; s < 20; s++) {
            MaskEdit edit = strokes.next();
            Map<Integer, SliceRuns> copies = new HashMap<>();
            BitSet changed = edit.slices();
            for (int k = changed.nextSetBit(0); k >= 0; k = changed.nextSetBit(k + 1)) {
                copies.put(k, SliceRuns.of(mask.sliceOrNull(k), g.columns() * g.rows()));
            }
            catalog.annotations().appendMaskSlices(annotation, person, Origin.MANUAL, g, copies, edit.name());
        }
        long vectors = catalog.annotations().create(new NewAnnotation(series, dataset, AnnotationKind.VECTOR, null), person).id();
        List<VectorLabel> boxes = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            Vec3 centre = g.toPatient(100 + 15 * b + variant, 120 + 11 * b, 40 + 12 * b);
            boxes.add(BoxLabel.around(CatalogData.UID_ROOT + ".9", series, b % 3 == 0 ? "Nodule" : "Mass", centre,
                    new Vec3(8 + b % 5, 9 + b % 4, b % 2 == 0 ? 0 : 6)));
            catalog.annotations().append(vectors, person, Origin.MANUAL, VectorPayload.of(List.copyOf(boxes)), "box " + (b + 1));
        }
        long classification = catalog.annotations().create(new NewAnnotation(series, dataset, AnnotationKind.CLASSIFICATION, null),
                person).id();
        catalog.annotations().append(classification, person, Origin.MANUAL,
                new ClassificationPayload(List.of(ClassificationLabel.ofSeries(series, "Nodule present"))), "classification");
        return mask;
    }

    private static void check(List<LoadedAnnotation> loaded, List<LabelMask> masks, int annotations) {
        List<LabelMask> found = loaded.stream().filter(a -> a.head() != null && a.head().payload() instanceof MaskPayload)
                .map(a -> ((MaskPayload) a.head().payload()).mask()).toList();
        if (loaded.size() != annotations || !found.equals(masks)) {
            throw new IllegalStateException("loadCase returned " + loaded.size() + " annotations (expected " + annotations
                    + ") or masks that differ from the ones saved");
        }
    }

    private static List<Map<Integer, byte[]>> blobs(List<LabelMask> masks) {
        List<Map<Integer, byte[]>> all = new ArrayList<>();
        for (LabelMask mask : masks) {
            Map<Integer, byte[]> blobs = new LinkedHashMap<>();
            BitSet labelled = mask.labelledSlices();
            for (int k = labelled.nextSetBit(0); k >= 0; k = labelled.nextSetBit(k + 1)) {
                blobs.put(k, CatalogData.sliceBlob(mask, k));
            }
            all.add(blobs);
        }
        return all;
    }

    /** Decodes every blob and puts its plane into a fresh mask without copying; returns the slices decoded. */
    private static int decode(List<Map<Integer, byte[]>> masks, VolumeGeometry g) throws IOException {
        int decoded = 0;
        for (Map<Integer, byte[]> blobs : masks) {
            LabelMask mask = new LabelMask(g.columns(), g.rows(), g.slices());
            for (Map.Entry<Integer, byte[]> e : blobs.entrySet()) {
                mask.adoptSlice(e.getKey(), MaskCodec.decode(e.getValue()).sliceOrNull(0));
                decoded++;
            }
        }
        return decoded;
    }

    private static void addLoad(List<Measurement> m, String what, List<LabelMask> masks, long[] load, long[] decode) {
        FrameTimes l = new FrameTimes(load);
        FrameTimes d = new FrameTimes(decode);
        int slices = masks.stream().mapToInt(x -> x.labelledSlices().cardinality()).sum();
        String base = "MaskCodec.decode of the same " + slices + " slice blobs in memory";
        String name = "catalog: loadCase, " + what;
        m.add(new Measurement(name + ", p50", l.percentileMs(50), "ms", base + ", p50", d.percentileMs(50),
                String.format(Locale.ROOT, "%d loads; %d labelled slices in all", load.length, slices)));
        m.add(new Measurement(name + ", p95", l.percentileMs(95), "ms", base + ", p95", d.percentileMs(95),
                String.format(Locale.ROOT, "target <= %.0f ms; max %.1f ms", LOAD_TARGET_MS, l.maxMs())));
    }

    // ---------------------------------------------------------------- 3. listing 10,000 studies

    private record Query(String name, IntSupplier run) { }

    private static List<Measurement> listing(Path dir, Plan plan) throws Exception {
        Path file = dir.resolve("studies.sqlite");
        int studies = plan.studies();
        int perSeries = 10;
        int chunk = 250;
        System.err.printf("catalog: filling %,d studies (3 series of %d instances each, %d studies per import) ...%n", studies,
                perSeries, chunk);
        List<Measurement> m = new ArrayList<>();
        try (Catalog catalog = Catalog.open(file);
             BareTable baseline = BareTable.open(file, Durability.PROCESS_CRASH)) {
            long fillNanos = 0;
            for (int from = 0; from < studies; from += chunk) {
                var index = CatalogData.studies(from, Math.min(studies, from + chunk), studies, perSeries);
                long t0 = System.nanoTime();
                catalog.studies().upsert(index, "/data/lumen-bench/import");
                fillNanos += System.nanoTime() - t0;
            }
            var counts = catalog.counts();
            long bytes = Files.size(file) + sizeIfExists(Path.of(file + "-wal"));
            m.add(new Measurement("catalog: fill " + String.format(Locale.ROOT, "%,d", studies) + " studies with StudyIndexStore.upsert",
                    studies / (fillNanos / 1e9), "studies/s", null, null,
                    String.format(Locale.ROOT, "%.1f s; %,d series, %,d instances; %.0f MB with its WAL; %d studies per transaction",
                            fillNanos / 1e9, counts.series(), counts.instances(), bytes / 1e6, chunk)));

            int p = CatalogData.patients(studies) / 3;
            String someFamily = CatalogData.patientName(p).split("\\^")[0];
            String someId = CatalogData.patientId(p);
            int deep = Math.min(8000, Math.max(0, studies - StudyFilter.DEFAULT_LIMIT));
            List<Query> queries = List.of(
                    new Query("first page (200, newest first)", () -> catalog.studies().list(StudyFilter.all()).size()),
                    new Query("patient name text '" + someFamily + "'", () -> catalog.studies().list(StudyFilter.all()
                            .withPatient(someFamily)).size()),
                    new Query("patient ID text '" + someId + "'", () -> catalog.studies().list(StudyFilter.all()
                            .withPatient(someId)).size()),
                    new Query("patient text matching nothing", () -> catalog.studies().list(StudyFilter.all()
                            .withPatient("QXZQ")).size()),
                    new Query("modality MR", () -> catalog.studies().list(StudyFilter.all().withModality("MR")).size()),
                    new Query("date range, one month", () -> catalog.studies().list(StudyFilter.all()
                            .withDates("20230301", "20230331")).size()),
                    new Query("description text 'CHEST'", () -> catalog.studies().list(StudyFilter.all()
                            .withDescription("CHEST")).size()),
                    new Query("combined: patient 'MA', modality CT, year 2020", () -> catalog.studies().list(StudyFilter.all()
                            .withPatient("MA").withModality("CT").withDates("20200101", "20201231")).size()),
                    new Query(String.format(Locale.ROOT, "deep page (offset %,d of all)", deep), () -> catalog.studies().list(
                            StudyFilter.all().withPage(StudyFilter.DEFAULT_LIMIT, deep)).size()),
                    new Query("count of modality MR", () -> (int) catalog.studies().count(StudyFilter.all().withModality("MR"))));
            System.err.printf("catalog: %d list and filter queries, %d rounds ...%n", queries.size(), plan.listRepeat());
            int[] rows = new int[queries.size()];
            for (int w = 0; w < 5; w++) {
                for (int q = 0; q < queries.size(); q++) {
                    rows[q] = queries.get(q).run().getAsInt();
                }
                baseline.countNanos("study");
            }
            long[][] nanos = new long[queries.size()][plan.listRepeat()];
            long[] count = new long[plan.listRepeat()];
            for (int r = 0; r < plan.listRepeat(); r++) {
                for (int q = 0; q < queries.size(); q++) {
                    long t0 = System.nanoTime();
                    queries.get(q).run().getAsInt();
                    nanos[q][r] = System.nanoTime() - t0;
                }
                count[r] = baseline.countNanos("study");
            }
            FrameTimes c = new FrameTimes(count);
            String base = "SELECT COUNT(*) FROM study, same file";
            for (int q = 0; q < queries.size(); q++) {
                FrameTimes t = new FrameTimes(nanos[q]);
                String name = "catalog: " + String.format(Locale.ROOT, "%,d", studies) + " studies, " + queries.get(q).name();
                m.add(new Measurement(name + ", p50", t.percentileMs(50), "ms", base + ", p50", c.percentileMs(50),
                        String.format(Locale.ROOT, "%,d %s; %d rounds", rows[q], q == queries.size() - 1 ? "counted" : "rows",
                                plan.listRepeat())));
                m.add(new Measurement(name + ", p95", t.percentileMs(95), "ms", base + ", p95", c.percentileMs(95),
                        String.format(Locale.ROOT, "target < %.0f ms; max %.1f ms", LIST_TARGET_MS, t.maxMs())));
            }
        }
        m.addAll(opening(file, studies, plan.listRepeat()));
        return m;
    }

    /**
     * Opening the 10,000-study catalog (issue 15): {@code PRAGMA quick_check} on every open reads the whole file. Each
     * round opens and closes it three ways, interleaved: without the check (the baseline), with it, and as Lumen opens
     * it by default (the check skipped when the file is as the previous clean close left it, {@code FILE-clean}).
     */
    private static List<Measurement> opening(Path file, int studies, int rounds) {
        CatalogOptions.OpenCheck[] modes = {CatalogOptions.OpenCheck.NEVER, CatalogOptions.OpenCheck.ALWAYS,
            CatalogOptions.OpenCheck.WHEN_CHANGED};
        System.err.printf("catalog: opening %,d studies (%.0f MB) with and without the integrity check, %d rounds ...%n", studies,
                file.toFile().length() / 1e6, rounds);
        long[][] open = new long[modes.length][rounds];
        long[][] close = new long[modes.length][rounds];
        boolean[] skipped = new boolean[rounds];
        for (int r = -3; r < rounds; r++) {
            for (int k = 0; k < modes.length; k++) {
                boolean stamped = Files.exists(file.resolveSibling(file.getFileName() + "-clean"));
                long t0 = System.nanoTime();
                Catalog catalog = Catalog.open(file, CatalogOptions.defaults().withOpenCheck(modes[k]));
                long t1 = System.nanoTime();
                catalog.close();
                long t2 = System.nanoTime();
                if (r >= 0) {
                    open[k][r] = t1 - t0;
                    close[k][r] = t2 - t1;
                    if (modes[k] == CatalogOptions.OpenCheck.WHEN_CHANGED) {
                        skipped[r] = stamped; // the ALWAYS open before it closed cleanly, so it finds the stamp
                    }
                }
            }
        }
        int skips = 0;
        for (boolean s : skipped) {
            skips += s ? 1 : 0;
        }
        FrameTimes bare = new FrameTimes(open[0]);
        String base = String.format(Locale.ROOT, "Catalog.open of %,d studies without the check, p50", studies);
        List<Measurement> m = new ArrayList<>();
        FrameTimes always = new FrameTimes(open[1]);
        m.add(new Measurement(String.format(Locale.ROOT, "catalog: open %,d studies with PRAGMA quick_check every time, p50", studies),
                always.percentileMs(50), "ms", base, bare.percentileMs(50), String.format(Locale.ROOT,
                        "p95 %.1f ms; close p50 %.1f ms; %d rounds interleaved", always.percentileMs(95),
                        new FrameTimes(close[1]).percentileMs(50), rounds)));
        FrameTimes changed = new FrameTimes(open[2]);
        m.add(new Measurement(String.format(Locale.ROOT, "catalog: open %,d studies as Lumen does (check unless as left at a clean close), p50",
                studies), changed.percentileMs(50), "ms", base, bare.percentileMs(50), String.format(Locale.ROOT,
                        "p95 %.1f ms; close p50 %.1f ms (stamp written); check skipped in %d of %d rounds; target < 100 ms",
                        changed.percentileMs(95), new FrameTimes(close[2]).percentileMs(50), skips, rounds)));
        return m;
    }

    private static long sizeIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // ---------------------------------------------------------------- 4. an audit entry

    /**
     * One audit entry as the window writes it when a study is opened ({@code AuditLog.append}: read the last
     * hash, hash the entry, insert, one transaction) against a bare INSERT of the same detail bytes into a plain
     * table of the same file, one transaction each. Target (issue 14): ≤ 1 ms at the 95th percentile.
     */
    /** Only the audit figure ({@code --only audit}), in a temporary folder of its own. */
    static List<Measurement> audit(Path root, Plan plan) throws Exception {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, "audit-");
        try {
            return auditWrites(dir, plan);
        } finally {
            Folders.deleteTree(dir);
        }
    }

    private static List<Measurement> auditWrites(Path dir, Plan plan) throws Exception {
        Path file = dir.resolve("audit.sqlite");
        int n = Math.max(200, plan.strokes());
        int warmup = Math.max(50, plan.warmupStrokes());
        long[] audit = new long[n];
        long[] bare = new long[n];
        try (Catalog catalog = Catalog.open(file, CatalogOptions.defaults()); BareTable table = BareTable.open(file, Durability.PROCESS_CRASH)) {
            for (int i = -warmup; i < n; i++) {
                Map<String, Object> detail = Map.of("source", "folder /data/case-" + i, "series", 3, "images", 120 + i % 7);
                long t0 = System.nanoTime();
                catalog.audit().append(org.lumen.annotation.catalog.AuditAction.STUDY_OPENED, "1.2.826.0.1.3680043.2.1125." + i,
                        "1.2.826.0.1.3680043.2.1125." + i + ".1", detail);
                long t1 = System.nanoTime();
                long b = table.insertNanos(List.of(detail.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                if (i >= 0) {
                    audit[i] = t1 - t0;
                    bare[i] = b;
                }
            }
            var verification = catalog.audit().verify();
            if (!verification.intact() || verification.checked() != n + warmup) {
                throw new IllegalStateException("the audit chain the benchmark wrote does not verify: " + verification.reason());
            }
        }
        FrameTimes a = new FrameTimes(audit);
        FrameTimes b = new FrameTimes(bare);
        String what = "catalog: write one audit entry (study opened), PROCESS_CRASH";
        String base = "bare INSERT of the same detail, 1 transaction, same file";
        return List.of(
                new Measurement(what + ", p50", a.percentileMs(50), "ms", base + ", p50", b.percentileMs(50),
                        String.format(Locale.ROOT, "%d entries after %d warm-up ones; the chain verifies", n, warmup)),
                new Measurement(what + ", p95", a.percentileMs(95), "ms", base + ", p95", b.percentileMs(95), "target <= 1 ms"));
    }

    // ---------------------------------------------------------------- the baselines' own connection

    /**
     * A second connection to the same file, set up as the catalog sets up its own (WAL, the same
     * {@code synchronous}, a busy timeout), with a plain table of blobs: what storing bytes costs
     * SQLite itself, without the catalog's rows, checks and encoding.
     */
    static final class BareTable implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insert;

        private BareTable(Connection connection) throws SQLException {
            this.connection = connection;
            this.insert = connection.prepareStatement("INSERT INTO bench_bare_insert (data) VALUES (?)");
        }

        static BareTable open(Path file, Durability durability) throws SQLException {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new IllegalStateException("the baseline connection could not use WAL on " + file);
                    }
                }
                s.execute("PRAGMA synchronous=" + switch (durability) {
                    case PROCESS_CRASH -> "NORMAL";
                    case POWER_LOSS -> "FULL";
                });
                s.execute("CREATE TABLE IF NOT EXISTS bench_bare_insert (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
                return new BareTable(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        /** Inserts {@code rows} in one {@code BEGIN IMMEDIATE … COMMIT}, as the catalog writes; returns the nanoseconds it took. */
        long insertNanos(List<byte[]> rows) throws SQLException {
            long t0 = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                for (byte[] row : rows) {
                    insert.setBytes(1, row);
                    insert.executeUpdate();
                }
                s.execute("COMMIT");
            }
            return System.nanoTime() - t0;
        }

        /** {@code SELECT COUNT(*)} on {@code table} in its own read transaction; returns the nanoseconds it took. */
        long countNanos(String table) throws SQLException {
            long t0 = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    rs.getLong(1);
                }
                s.execute("COMMIT");
            }
            return System.nanoTime() - t0;
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            connection.close();
        }
    }
}
