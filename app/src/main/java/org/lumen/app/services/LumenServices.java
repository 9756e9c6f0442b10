// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.RejectedExecutionException;
import org.lumen.aiassist.cache.ResultCache;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.image2d.ImageInferenceEngine;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.settings.UserDataFolder;
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
 * <p>The catalog is the user data folder's; commands given {@code --catalog FILE} open that file
 * themselves. The shared catalog is thread-safe; the window writes it on {@link Pools#catalog()}.
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
    private Catalog catalog;

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
     * their own), so that reopening an image or running the same model on it again does not recompute.
     */
    public synchronized ImageInferenceEngine imageInference() throws IOException {
        if (imageInference == null) {
            imageInference = new ImageInferenceEngine(new ResultCache(dataFolder().cache().resolve("inference")));
        }
        return imageInference;
    }

    /** The saved PACS nodes and their secrets (read from their files on each call, so edits elsewhere show). */
    public NodeStore nodes() throws IOException {
        UserDataFolder d = dataFolder();
        return new NodeStore(d.pacsNodes(), d.secrets());
    }

    /**
     * The user data folder's catalog, opened (created, migrated) on first use; a failure is thrown each
     * time it is asked for, so a catalog that was locked can be opened later. Never call it on the FX thread.
     */
    public synchronized Catalog catalog() {
        if (catalog == null) {
            try {
                // Audit entries name this workstation's user: the account, and the name set with `lumen user --name`.
                var user = org.lumen.app.settings.UserIdentity.read(dataFolder().settingsFile()).auditUser();
                Catalog opened = Catalog.open(dataFolder().catalog());
                opened.audit().actAs(user);
                catalog = opened;
            } catch (IOException e) {
                throw new UncheckedIOException("no user data folder for the catalog: " + e.getMessage(), e);
            }
        }
        return catalog;
    }

    /** Closes the catalog behind the writes already queued on the catalog lane, then the pools this made. */
    @Override
    public void close() {
        Catalog open;
        Pools lanes;
        synchronized (this) {
            open = catalog;
            catalog = null;
            lanes = pools;
        }
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
