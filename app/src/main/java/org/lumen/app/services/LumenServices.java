// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.lumen.aiassist.cache.ResultCache;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.image2d.ImageInferenceEngine;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogException;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.settings.UserIdentity;
import org.lumen.app.study.StudyOpener;
import org.lumen.network.node.NodeStore;
import org.lumen.task.Pools;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;

/**
 * The composition root: the services one Lumen process shares, built once and on first use, closed
 * together. The CLI's commands and the workstation window take them from here rather than making their
 * own (ADR 0022). Nothing is started before it is asked for, so {@code lumen --help} opens no catalog,
 * starts no pool and loads no ONNX Runtime.
 *
 * <p>The catalog is the user data folder's; a command given {@code --catalog FILE} asks for that file with
 * {@link #catalog(Path)}, which opens it once and closes it with the rest. Catalogs are thread-safe; the
 * window writes its own on {@link Pools#catalog()}. Nothing outside this class (and tests) opens a catalog,
 * builds a node store or an AI engine, or reads the network settings: AppArchitectureTest enforces it.
 */
public final class LumenServices implements AutoCloseable {

    private final UserDataFolder unresolved;
    private final boolean ownsPools;
    private UserDataFolder data;
    private Pools pools;
    private PixelCache pixels;
    private StudyOpener opener;
    private ModelRegistry models;
    private InferenceEngine inference;
    private ImageInferenceEngine imageInference;
    private NodeStore nodes;
    private NetworkSettings network;
    private Catalog catalog;
    /** Catalogs named with {@code --catalog FILE} other than the data folder's, by absolute path. */
    private final Map<Path, Catalog> otherCatalogs = new LinkedHashMap<>();

    private LumenServices(UserDataFolder data, Pools pools, PixelCache pixels) {
        this.unresolved = data;
        this.pools = pools;
        this.ownsPools = pools == null;
        this.pixels = pixels;
    }

    /** The services of a process: the user data folder from the environment ({@code LUMEN_HOME}), everything made on first use. */
    public static LumenServices fromEnvironment() {
        return new LumenServices(null, null, null);
    }

    /**
     * Services over a given data folder, pools and pixel cache (the window's tests, which share pools
     * between windows): closing them closes the catalog and the engine's resources, not the pools.
     */
    public static LumenServices over(UserDataFolder data, Pools pools, PixelCache pixels) {
        return new LumenServices(data, pools, pixels);
    }

    /** The user data folder, made on first use. */
    public synchronized UserDataFolder dataFolder() throws IOException {
        if (data == null) {
            data = (unresolved != null ? unresolved : UserDataFolder.fromEnvironment()).ensureExists();
        }
        return data;
    }

    public synchronized Pools pools() {
        if (pools == null) {
            pools = new Pools();
        }
        return pools;
    }

    /** The one pixel-memory budget of the process (ADR 0006). */
    public synchronized PixelCache pixelCache() {
        if (pixels == null) {
            pixels = PixelCache.withDefaultBudget();
        }
        return pixels;
    }

    /** Reads sources into indexes (the CLI's and the window's one open path). */
    public synchronized StudyOpener opener() throws IOException {
        if (opener == null) {
            opener = new StudyOpener(pools(), dataFolder());
        }
        return opener;
    }

    /** A loader that decodes on the decode pool into the shared pixel cache. */
    public SeriesLoader loader() {
        Pools p = pools();
        return new SeriesLoader(p.decode(), p.decodeThreads(), pixelCache());
    }

    /** The installed models (the bundled demo included). */
    public synchronized ModelRegistry models() throws IOException {
        if (models == null) {
            UserDataFolder d = dataFolder();
            models = new ModelRegistry(d.models(), d.cache());
        }
        return models;
    }

    /** The one inference engine: its result cache in the user cache folder, pre- and postprocessing on the decode pool. */
    public synchronized InferenceEngine inference() throws IOException {
        if (inference == null) {
            inference = new InferenceEngine(new ResultCache(dataFolder().cache().resolve("inference")), pools().decode());
        }
        return inference;
    }

    /**
     * The one 2D inference engine: each image's result kept in the same result cache as the volume engine's (keys of
     * their own), so that reopening an image or running the same model on it again does not recompute. The results are
     * written into the cache on the I/O pool after the run has them (decision 0041); {@link #close} waits for them.
     */
    public synchronized ImageInferenceEngine imageInference() throws IOException {
        if (imageInference == null) {
            imageInference = new ImageInferenceEngine(new ResultCache(dataFolder().cache().resolve("inference")), pools().io());
        }
        return imageInference;
    }

    /** The saved PACS nodes and their secrets: one store, which reads its files on each call, so edits elsewhere show. */
    public synchronized NodeStore nodes() throws IOException {
        if (nodes == null) {
            UserDataFolder d = dataFolder();
            nodes = new NodeStore(d.pacsNodes(), d.secrets());
        }
        return nodes;
    }

    /** The network section of settings.json (receiver, cache limit), read once; {@link #saveNetworkSettings} keeps it current. */
    public synchronized NetworkSettings networkSettings() throws IOException {
        if (network == null) {
            network = NetworkSettings.read(dataFolder().settingsFile());
        }
        return network;
    }

    /**
     * Changes the network settings: {@code change} of the current ones is written into settings.json (atomically,
     * other sections kept) and becomes the process's. Changes take turns, so the window's two editors lose nothing.
     */
    public synchronized NetworkSettings updateNetworkSettings(UnaryOperator<NetworkSettings> change) throws IOException {
        NetworkSettings changed = change.apply(networkSettings());
        changed.write(dataFolder().settingsFile());
        network = changed;
        return changed;
    }

    /**
     * The user data folder's catalog, opened (created, migrated) on first use; a failure is thrown each
     * time it is asked for, so a catalog that was locked can be opened later. Never call it on the FX thread.
     */
    public synchronized Catalog catalog() {
        if (catalog == null) {
            try {
                catalog = actingAsUser(Catalog.open(dataFolder().catalog()));
            } catch (IOException e) {
                throw new UncheckedIOException("no user data folder for the catalog: " + e.getMessage(), e);
            }
        }
        return catalog;
    }

    /**
     * The catalog at {@code file} ({@code --catalog FILE}), created or migrated as {@link #catalog()}: the data folder's
     * own when {@code file} is null or names it, otherwise opened on first use and closed with the services.
     */
    public synchronized Catalog catalog(Path file) {
        if (file == null || isDataFolderCatalog(file)) {
            return catalog();
        }
        Path absolute = file.toAbsolutePath().normalize();
        Catalog open = otherCatalogs.get(absolute);
        if (open == null) {
            open = actingAsUser(Catalog.open(absolute));
            otherCatalogs.put(absolute, open);
        }
        return open;
    }

    /** As {@link #catalog(Path)}, for commands that only read or add to a catalog: where there is none, it is refused, not created. */
    public synchronized Catalog existingCatalog(Path file) {
        Path absolute = file != null ? file.toAbsolutePath().normalize() : dataFolderCatalog();
        if (!Files.exists(absolute)) {
            throw new CatalogException(CatalogException.Reason.NOT_FOUND, "there is no catalog at " + absolute);
        }
        return catalog(absolute);
    }

    /**
     * The catalog at {@code file} opened read-only, changing nothing in it (no migration, no WAL switch; a file that
     * is not a Lumen catalog is refused and left as it is): what {@code catalog check} and {@code backup} inspect.
     * The caller closes it.
     */
    public Catalog inspectCatalog(Path file) {
        return Catalog.openReadOnly(file, CatalogOptions.defaults());
    }

    private boolean isDataFolderCatalog(Path file) {
        return file.toAbsolutePath().normalize().equals(dataFolderCatalog());
    }

    private Path dataFolderCatalog() {
        try {
            return dataFolder().catalog().toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("no user data folder for the catalog: " + e.getMessage(), e);
        }
    }

    /** How long closing waits for 2D results still being written into the result cache (a dense mammogram map takes ~0.3 s). */
    static final Duration RESULT_WRITES_WAIT = Duration.ofSeconds(30);

    /** A result still unwritten when the pools close is only not saved: the next run computes it again. */
    private void awaitImageResultWrites() {
        ImageInferenceEngine engine;
        synchronized (this) {
            engine = imageInference;
        }
        if (engine == null) {
            return;
        }
        try {
            engine.awaitStored(RESULT_WRITES_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Audit entries name this workstation's user: the account, and the name set with `lumen user --name`. */
    private Catalog actingAsUser(Catalog opened) {
        try {
            opened.audit().actAs(UserIdentity.read(dataFolder().settingsFile()).auditUser());
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot read the settings for the catalog's audit user: "
                    + io.getMessage(), io) : (RuntimeException) e;
        }
    }

    /**
     * Lets the 2D results still being written into the result cache finish (at most {@link #RESULT_WRITES_WAIT}), then
     * closes the catalog behind the writes already queued on the catalog lane, then the pools this made.
     */
    @Override
    public void close() {
        awaitImageResultWrites();
        Catalog open;
        Pools lanes;
        List<Catalog> others;
        synchronized (this) {
            open = catalog;
            catalog = null;
            lanes = pools;
            others = new ArrayList<>(otherCatalogs.values());
            otherCatalogs.clear();
        }
        others.forEach(Catalog::close); // only commands given --catalog FILE use these, never the window's catalog lane
        if (open != null) {
            try {
                if (lanes == null) {
                    open.close();
                } else {
                    lanes.catalog().execute(open::close);
                }
            } catch (RejectedExecutionException e) {
                open.close(); // the lane is shut (or full): nothing queued behind this is waiting for the catalog
            }
        }
        if (ownsPools && lanes != null) {
            lanes.close(); // drains the catalog lane, the close above included
        }
    }
}
