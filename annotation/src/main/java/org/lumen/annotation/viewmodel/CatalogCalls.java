// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ReplyingLane;

/** A view-model's catalog calls: each runs on the catalog's lane, in order; its result or failure comes back on the view's thread. */
final class CatalogCalls {

    /** One call into the catalog, on the lane. */
    @FunctionalInterface
    interface Call<T> {
        T run(Catalog c) throws Exception;
    }

    private final String owner;
    private final Supplier<Catalog> catalog;
    private final ReplyingLane lane;

    /**
     * @param owner   names the tasks in the log, e.g. "Review panel"
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param replies the view's thread (the FX thread in the window; the caller in tests)
     */
    CatalogCalls(String owner, Supplier<Catalog> catalog, Executor lane, Executor replies) {
        this.owner = owner;
        this.catalog = catalog;
        this.lane = new ReplyingLane(lane, replies);
    }

    <T> void call(Call<T> work, Consumer<? super T> then, Consumer<? super Throwable> failed) {
        lane.submit(BackgroundTask.of(owner + ": a catalog call", context -> {
            Catalog c = catalog.get();
            if (c == null) {
                throw new CatalogNotOpen();
            }
            return work.run(c);
        }), then, failed);
    }

    /** The catalog was not open yet when a call was made: said as such, with nothing to undo. */
    static final class CatalogNotOpen extends IllegalStateException {
        CatalogNotOpen() {
            super("The catalog is not open.");
        }
    }
}
