// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import org.lumen.annotation.edit.EditHistory;
import org.lumen.annotation.mask.MaskCodec;

/**
 * Saves the session's mask after every finished step (a stroke, a fill, an undo), so a crash loses
 * at most the stroke in progress. The mask is encoded on the UI thread (only labelled slices, a
 * few milliseconds) and written by the saver on a background executor, one save at a time, in
 * order; a save that fails is reported and the next step saves everything again.
 */
public final class Autosave {

    /** What the UI shows: saved up to revision N, saving, or the failure's sentence. */
    public interface Listener {
        void saved(long revisionId, long generation);

        void failed(String sentence, long generation);
    }

    private final AnnotationSession session;
    private final MaskSaver saver;
    private final Executor executor;
    private final Executor uiThread;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private final EditHistory.Listener onStep;

    /**
     * @param executor runs the saves (a single-lane executor keeps them in order)
     * @param uiThread where listeners are called (the FX thread in the application)
     */
    public Autosave(AnnotationSession session, MaskSaver saver, Executor executor, Executor uiThread) {
        this.session = Objects.requireNonNull(session, "session");
        this.saver = Objects.requireNonNull(saver, "saver");
        this.executor = executor;
        this.uiThread = uiThread;
        this.onStep = (action, edit) -> saveNow(action.name().toLowerCase(java.util.Locale.ROOT) + " " + edit.name());
        session.history().addListener(onStep);
    }

    public void addListener(Listener listener) { listeners.add(listener); }

    /** Stops saving on steps (the session is closed). */
    public void stop() {
        session.history().removeListener(onStep);
    }

    /** Saves the mask as it is now. */
    public void saveNow(String stepName) {
        byte[] encoded = MaskCodec.encode(session.mask());
        long mine = generation.incrementAndGet();
        executor.execute(() -> {
            try {
                long revision = saver.save(encoded, stepName);
                uiThread.execute(() -> listeners.forEach(l -> l.saved(revision, mine)));
            } catch (Exception e) {
                String sentence = "could not save the labels (" + stepName + "): " + (e.getMessage() == null ? e : e.getMessage());
                uiThread.execute(() -> listeners.forEach(l -> l.failed(sentence, mine)));
            }
        });
    }
}
