// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.app.cache.OfflineCache;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.LengthMeasurement;

/**
 * {@code lumen pacs get} resuming into the offline cache and {@code lumen cache list|pin|unpin|evict},
 * through the real command line, against a real Orthanc and a real SQLite catalog.
 */
class CacheCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SLICES = 8;

    @TempDir
    static Path dir;
    @TempDir
    Path each;
    private static OrthancServer orthanc;
    private static String node;
    private static List<String> studies;
    private static UserDataFolder data;
    private static byte[] settingsBefore;
    private Path catalog;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        for (int seed : new int[] {61, 62, 63}) {
            orthanc.uploadTree(Phantoms.writeChestCt(dir.resolve("chest" + seed), ChestCtSpec.builder().seed(seed).size(Size.of(48, 48, SLICES))
                    .noduleCount(0).build()).directory());
        }
        node = "dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort();
        studies = List.of(uidOf(61), uidOf(62), uidOf(63));
        data = UserDataFolder.fromEnvironment().ensureExists();
        settingsBefore = Files.exists(data.settingsFile()) ? Files.readAllBytes(data.settingsFile()) : null;
    }

    @AfterAll
    static void stopArchive() throws IOException {
        orthanc.close();
    }

    @BeforeEach
    void emptyCache() throws IOException {
        catalog = each.resolve("catalog.sqlite");
        // The data folder outlives test runs: these studies start out of the cache.
        for (String uid : studies) {
            Path folder = data.pacsCache().resolve(uid);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(folder);
            }
        }
    }

    @AfterEach
    void restoreSettings() throws IOException {
        if (settingsBefore == null) {
            Files.deleteIfExists(data.settingsFile());
        } else {
            Files.write(data.settingsFile(), settingsBefore);
        }
    }

    @Test
    void getResumesAndListShowsTheStudyWithItsSize() throws Exception {
        String a = studies.get(0);
        CliRun first = get(a);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("0 of 8 instance(s) of study " + a + " were already in the cache; fetched 8 from ORTHANC@")
                .contains("indexed in the catalog: 1 series, 8 instance(s)");

        List<Path> files = dcmFiles(data.pacsCache().resolve(a));
        Files.delete(files.get(2));
        Files.delete(files.get(6));
        CliRun second = get(a);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("6 of 8 instance(s) of study " + a + " were already in the cache; fetched 2 from ORTHANC@");
        assertThat(dcmFiles(data.pacsCache().resolve(a))).hasSize(SLICES);

        CliRun list = lumen("cache", "list", "--json", "--catalog", catalog.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode root = JSON.readTree(list.out());
        JsonNode study = root.get("studies").get(0);
        long bytes = 0;
        for (Path f : dcmFiles(data.pacsCache().resolve(a))) {
            bytes += Files.size(f);
        }
        assertThat(study.get("studyUid").asText()).isEqualTo(a);
        assertThat(study.get("patientName").asText()).isEqualTo("PHANTOM^CHEST");
        assertThat(study.get("patientId").asText()).isEqualTo("LUMEN-PHANTOM-61");
        assertThat(study.get("modalities").get(0).asText()).isEqualTo("CT");
        assertThat(study.get("instances").asInt()).isEqualTo(SLICES);
        assertThat(study.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(study.get("pinned").asBoolean()).isFalse();
        assertThat(study.get("lastOpened").isNull()).isTrue();
        assertThat(study.get("source").asText()).as("the node, as named on the command line").isEqualTo(node);
        assertThat(root.get("totalBytes").asLong()).isEqualTo(bytes);
        assertThat(root.get("limitBytes").asLong()).isEqualTo(NetworkSettings.DEFAULT_CACHE_LIMIT);

        CliRun text = lumen("cache", "list", "--catalog", catalog.toString());
        assertThat(text.out()).contains(a).contains("PHANTOM^CHEST").contains("never").contains("1 study, ").contains("of the 20 GiB limit");
    }

    @Test
    void evictionTakesTheLeastRecentlyOpenedUnpinnedStudiesFirst() throws Exception {
        String a = studies.get(0);
        String b = studies.get(1);
        String c = studies.get(2);
        for (String uid : studies) {
            assertThat(get(uid).exitCode()).isZero();
        }
        // A arrived first but was opened since; B is pinned: C is the least recently used unpinned study.
        OfflineCache cache = new OfflineCache(data);
        try (Catalog opened = Catalog.open(catalog)) {
            assertThat(cache.opened(opened, data.pacsCache().resolve(a))).isTrue();
        }
        CliRun pin = lumen("cache", "pin", b, "--catalog", catalog.toString());
        assertThat(pin.exitCode()).as(pin.err()).isZero();
        assertThat(pin.out()).contains("study " + b + " is pinned");
        long each = cachedBytes(a);
        limit(2 * each + each / 2);

        CliRun toLimit = lumen("cache", "evict", "--to-limit", "--catalog", catalog.toString());
        assertThat(toLimit.exitCode()).as(toLimit.err()).isZero();
        assertThat(toLimit.out()).contains("evicted study " + c).doesNotContain("evicted study " + a).doesNotContain("evicted study " + b);
        assertThat(data.pacsCache().resolve(c)).doesNotExist();
        assertThat(data.pacsCache().resolve(a)).isDirectory();

        limit(0);
        CliRun all = lumen("cache", "evict", "--to-limit", "--catalog", catalog.toString());
        assertThat(all.out()).contains("evicted study " + a).doesNotContain("evicted study " + b);
        assertThat(cachedUids()).containsExactly(b);
        assertThat(data.pacsCache().resolve(b)).isDirectory();

        assertThat(lumen("cache", "unpin", b, "--catalog", catalog.toString()).out()).contains("study " + b + " is unpinned");
        CliRun one = lumen("cache", "evict", b, "--catalog", catalog.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(cachedUids()).isEmpty();
        assertThat(data.pacsCache().resolve(b)).doesNotExist();
        try (Catalog after = Catalog.open(catalog)) {
            assertThat(after.studies().study(b)).as("the index no longer opens it from a folder that is gone").isEmpty();
        }

        CliRun unknown = lumen("cache", "pin", "1.2.3.4.5.6.7.8.9", "--catalog", catalog.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("study 1.2.3.4.5.6.7.8.9 is not in the offline cache");
    }

    @Test
    void getEvictsToTheLimitAfterwardsButNeverTheStudyJustFetched() throws Exception {
        limit(1);
        assertThat(get(studies.get(0)).exitCode()).isZero();
        CliRun second = get(studies.get(1));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("evicted study " + studies.get(0)).doesNotContain("evicted study " + studies.get(1));
        assertThat(cachedUids()).containsExactly(studies.get(1));
        assertThat(dcmFiles(data.pacsCache().resolve(studies.get(1)))).hasSize(SLICES);
    }

    @Test
    void evictingKeepsLabelsAndMeasurementsInTheCatalog() throws Exception {
        String a = studies.get(0);
        assertThat(get(a).exitCode()).isZero();
        String series;
        long annotationId;
        LengthMeasurement m;
        try (Catalog c = Catalog.open(catalog)) {
            series = c.studies().series(a).getFirst().seriesUid();
            long ann = c.people().ensure("ann", true, false).id();
            annotationId = c.annotations().create(NewAnnotation.of(series, AnnotationKind.VECTOR), ann).id();
            m = LengthMeasurement.of(null, series, new Vec3(0, 0, 0), new Vec3(3, 4, 0));
            c.measurements().save(a, m);
        }

        CliRun evict = lumen("cache", "evict", a, "--catalog", catalog.toString());

        assertThat(evict.exitCode()).as(evict.err()).isZero();
        assertThat(evict.out()).contains("evicted study " + a).contains("1 series stay in the catalog for their labels or results");
        assertThat(data.pacsCache().resolve(a)).doesNotExist();
        try (Catalog c = Catalog.open(catalog)) {
            assertThat(c.annotations().annotations(series)).extracting(x -> x.id()).containsExactly(annotationId);
            assertThat(c.measurements().ofStudy(a)).extracting(x -> x.measurement()).containsExactly(m);
            assertThat(c.studies().instances(series)).isEmpty();
            assertThat(c.cache().list()).isEmpty();
        }
        CliRun check = lumen("catalog", "check", "--catalog", catalog.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        // Retrieved again, it opens from the cache with its label where it was.
        assertThat(get(a).out()).contains("fetched 8");
        try (Catalog c = Catalog.open(catalog)) {
            assertThat(c.studies().instances(series)).hasSize(SLICES);
            assertThat(c.annotations().annotations(series)).hasSize(1);
        }
    }

    private CliRun get(String study) {
        return lumen("pacs", "get", node, "--study", study, "--catalog", catalog.toString());
    }

    private List<String> cachedUids() throws IOException {
        JsonNode list = JSON.readTree(lumen("cache", "list", "--json", "--catalog", catalog.toString()).out()).get("studies");
        List<String> uids = new java.util.ArrayList<>();
        list.forEach(s -> uids.add(s.get("studyUid").asText()));
        return uids;
    }

    private long cachedBytes(String study) {
        try (Catalog c = Catalog.open(catalog)) {
            return c.cache().study(study).orElseThrow().bytes();
        }
    }

    private static void limit(long bytes) throws IOException {
        NetworkSettings.read(data.settingsFile()).withCacheLimit(bytes).write(data.settingsFile());
    }

    private static List<Path> dcmFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    private static String uidOf(int seed) throws IOException {
        return JSON.readTree(lumen("pacs", "find", "dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort(), "--patient-id", "LUMEN-PHANTOM-" + seed,
                "--json").out()).get("studies").get(0).get("studyInstanceUid").asText();
    }
}
