// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.edit.EditHistory;
import org.lumen.annotation.edit.MaskEdit;
import org.lumen.annotation.edit.ObjectLabel;
import org.lumen.annotation.edit.UndoableEdit;
import org.lumen.annotation.mask.SliceRuns;

/**
 * Saves every finished step (a stroke, a fill, an undo) as a revision, so a crash loses at most
 * the stroke in progress. A mask step hands over snapshots (runs of labels, {@link SliceRuns}) of
 * only the slices it changed (a brush stroke: a handful), so saving stays cheap whatever the mask's
 * size; an object-label step hands over the labels. Snapshots are taken on the UI thread, the saver
 * runs on a background executor,
 * one save at a time, in order. A failed save is reported; the next {@link #saveEverything}
 * (offered by the UI) writes the whole mask again.
 */
public final class Autosave {

    /** What the UI shows: saved up to revision N, or the failure's sentence. */
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
        this.onStep = (action, edit) -> saveStep(action.name().toLowerCase(Locale.ROOT) + " " + edit.name(), edit);
        session.history().addListener(onStep);
    }

    public void addListener(Listener listener) { listeners.add(listener); }

    /** Stops saving on steps (the session is closed). */
    public void stop() {
        session.history().removeListener(onStep);
    }

    /** Saves every labelled slice of the mask as it is now (after a failure, or on demand). */
    public void saveEverything(String stepName) {
        BitSet all = session.mask().labelledSlices();
        saveSlices(stepName, all, null);
    }

    private void saveStep(String stepName, UndoableEdit edit) {
        Origin origin = session.takeStepOrigin();
        if (edit instanceof MaskEdit maskEdit) {
            saveSlices(stepName, maskEdit.slices(), origin);
        } else {
            List<ObjectLabel> labels = session.objects().all();
            submit(stepName, () -> saver.saveObjects(labels, stepName, origin));
        }
    }

    private void saveSlices(String stepName, BitSet slices, Origin origin) {
        Map<Integer, SliceRuns> copies = new HashMap<>();
        int voxels = session.mask().columns() * session.mask().rows();
        for (int k = slices.nextSetBit(0); k >= 0; k = slices.nextSetBit(k + 1)) {
            copies.put(k, SliceRuns.of(session.mask().sliceOrNull(k), voxels));
        }
        submit(stepName, () -> saver.saveMaskSlices(copies, stepName, origin));
    }

    private interface Save {
        long run() throws Exception;
    }

    private void submit(String stepName, Save save) {
        long mine = generation.incrementAndGet();
        executor.execute(() -> {
            try {
                long revision = save.run();
                uiThread.execute(() -> listeners.forEach(l -> l.saved(revision, mine)));
            } catch (Exception e) {
                String sentence = "could not save the labels (" + stepName + "): " + (e.getMessage() == null ? e : e.getMessage());
                uiThread.execute(() -> listeners.forEach(l -> l.failed(sentence, mine)));
            }
        });
    }
}
