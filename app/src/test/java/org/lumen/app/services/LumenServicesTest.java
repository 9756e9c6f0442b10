// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lumen.aiassist.image2d.ArrayImage;
import org.lumen.aiassist.image2d.ImageInput;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogException;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.settings.UserIdentity;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.viewer.volume.PixelCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root: each service made once, on first use, shared, and closed with the root. */
class LumenServicesTest {

    @TempDir
    Path dir;

    @Test
    void makesNothingBeforeItIsAskedAndEachServiceOnce() throws Exception {
        Path home = dir.resolve("home");
        try (Pools pools = new Pools(2); LumenServices services = LumenServices.over(new UserDataFolder(home), pools, new PixelCache(1L << 24))) {
            assertThat(home).as("the data folder is made on first use").doesNotExist();

            assertThat(services.models()).isSameAs(services.models());
            assertThat(services.inference()).isSameAs(services.inference());
            assertThat(services.opener()).isSameAs(services.opener());
            assertThat(home).isDirectory();
            assertThat(home.resolve("catalog.sqlite")).as("the catalog is opened only when asked for").doesNotExist();

            var catalog = services.catalog();
            assertThat(services.catalog()).isSameAs(catalog);
            assertThat(home.resolve("catalog.sqlite")).isRegularFile();
            assertThat(services.models().installed()).anyMatch(e -> e.bundled());
        }
    }

    @Test
    void aCatalogNamedWithCatalogFileIsOpenedOnceAndClosedWithTheServices() throws Exception {
        Path home = dir.resolve("home");
        Path other = dir.resolve("other.sqlite");
        Catalog elsewhere;
        new UserIdentity("Dr Reader").write(new UserDataFolder(home).ensureExists().settingsFile());
        try (Pools pools = new Pools(2); LumenServices services = LumenServices.over(new UserDataFolder(home), pools, new PixelCache(1L << 24))) {
            assertThat(services.catalog(null)).as("no --catalog: the data folder's").isSameAs(services.catalog());
            assertThat(services.catalog(home.resolve("catalog.sqlite"))).as("--catalog naming the data folder's own").isSameAs(services.catalog());

            assertThatThrownBy(() -> services.existingCatalog(other)).isInstanceOf(CatalogException.class)
                    .hasMessage("there is no catalog at " + other.toAbsolutePath());
            assertThat(other).as("a catalog that must exist is not created").doesNotExist();

            elsewhere = services.catalog(other);
            assertThat(elsewhere).isNotSameAs(services.catalog());
            assertThat(services.catalog(dir.resolve(".").resolve("other.sqlite"))).isSameAs(elsewhere);
            assertThat(services.existingCatalog(other)).isSameAs(elsewhere);
            assertThat(elsewhere.audit().user().displayName()).as("its audit entries name this workstation's user (lumen user --name)")
                    .isEqualTo("Dr Reader");
            elsewhere.people().ensure("reader", true, false);
        }
        assertThatThrownBy(() -> elsewhere.people().ensure("late", true, false)).as("closed with the services");
        try (LumenServices again = LumenServices.over(new UserDataFolder(home), null, new PixelCache(1L << 24))) {
            try (Catalog inspected = again.inspectCatalog(other)) {
                assertThat(inspected.counts()).isNotNull();
                assertThat(inspected.readOnlyReason()).as("inspected read-only").isPresent();
            }
        }
    }

    @Test
    void oneNodeStoreAndTheNetworkSettingsReadOnce() throws Exception {
        Path home = dir.resolve("home");
        try (Pools pools = new Pools(2); LumenServices services = LumenServices.over(new UserDataFolder(home), pools, new PixelCache(1L << 24))) {
            assertThat(services.nodes()).isSameAs(services.nodes());
            assertThat(services.imageInference()).isSameAs(services.imageInference());
            assertThat(services.networkSettings()).isEqualTo(NetworkSettings.DEFAULTS);

            NetworkSettings.DEFAULTS.withCacheLimit(5).write(services.dataFolder().settingsFile());
            assertThat(services.networkSettings()).as("read once: a later edit of the file by hand is not seen")
                    .isEqualTo(NetworkSettings.DEFAULTS);

            NetworkSettings changed = services.updateNetworkSettings(s -> s.withReceiver(true, "LUMEN_WS", 11113));
            assertThat(changed.cacheLimitBytes()).as("the change applies to the process's settings").isEqualTo(NetworkSettings.DEFAULT_CACHE_LIMIT);
            assertThat(services.networkSettings()).isEqualTo(changed);
            assertThat(NetworkSettings.read(services.dataFolder().settingsFile())).as("and is written").isEqualTo(changed);
        }
    }

    @Test
    void closingWaitsForQueuedCatalogWritesThenClosesTheCatalog() throws Exception {
        Path home = dir.resolve("home");
        Pools pools = new Pools(2);
        LumenServices services = LumenServices.over(new UserDataFolder(home).ensureExists(), pools, new PixelCache(1L << 24));
        var catalog = services.catalog();
        List<Long> people = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            String name = "reader" + i;
            pools.catalog().execute(() -> people.add(catalog.people().ensure(name, true, false).id()));
        }
        services.close();
        pools.close();
        assertThat(people).as("every write queued before close went in").hasSize(20);
        assertThatThrownBy(() -> catalog.people().ensure("late", true, false)).as("the catalog is closed");
    }

    @Test
    void helpStartsNeitherTheCatalogNorOnnxRuntime() throws Exception {
        Path home = dir.resolve("home");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", System.getProperty("java.class.path"),
                "org.lumen.app.LumenMain", "--help").redirectErrorStream(true);
        builder.environment().put(UserDataFolder.ENVIRONMENT_VARIABLE, home.toString());
        Path output = dir.resolve("out.txt");
        Process process = builder.redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(output);
        assertThat(process.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).isZero();
        assertThat(lines).anyMatch(l -> l.contains("Usage: lumen"));
        assertThat(lines).as("classes loaded by --help").anyMatch(l -> l.contains("org.lumen.app.services.LumenServices"))
                .noneMatch(l -> l.contains("ai.onnxruntime."))
                .noneMatch(l -> l.contains("org.sqlite."));
        assertThat(home.resolve("catalog.sqlite")).doesNotExist();
    }
    @Test
    void theImageEnginesResultsAreSavedBeforeTheServicesCloseAndReopenedByTheNext() throws Exception {
        Path home = dir.resolve("home");
        int w = 1024;
        int h = 800;
        float[] grey = new float[w * h];
        for (int i = 0; i < grey.length; i++) {
            int x = i % w;
            int y = i / w;
            grey[i] = 400 + 50 * (float) Math.sin(x / 40.0) + (float) (900 * Math.exp(-((x - 500) * (x - 500) + (y - 300) * (y - 300)) / 8.0));
        }
        ImageInput mammogram = new ImageInput(new ArrayImage(w, h, grey), new ImageFacts("1.2.826.0.1.41", 0, "MG",
                "1.2.840.10008.5.1.4.1.1.1.2", "MONOCHROME2", 1, "L", "CC", null, null, null, null, w, h));
        // The services make and close their own pools (the write runs on their I/O pool after the result; closing waits for it).
        try (LumenServices services = LumenServices.over(new UserDataFolder(home), null, new PixelCache(1L << 24))) {
            var pkg = services.models().resolve("demo-mammo");
            var computed = services.imageInference().run(List.of(mammogram), pkg, ImageRequest.defaults(), TaskContext.none());
            assertThat(computed.images().getFirst().fromCache()).isFalse();
        }
        try (var files = Files.walk(home.resolve("cache").resolve("inference"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("result.json"))).as("the entry written before the pools closed")
                    .hasSize(1);
        }
        try (LumenServices again = LumenServices.over(new UserDataFolder(home), null, new PixelCache(1L << 24))) {
            var pkg = again.models().resolve("demo-mammo");
            var reopened = again.imageInference().run(List.of(mammogram), pkg, ImageRequest.defaults(), TaskContext.none());
            assertThat(reopened.images().getFirst().fromCache()).isTrue();
        }
    }
}
