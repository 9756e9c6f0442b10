// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import org.lumen.app.workflow.LiveCount;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.lumen.network.query.SeriesMatch;

/**
 * One series of the Query/Retrieve window's second table: what the archive said of it, how much of it
 * the offline cache holds, and how its retrieve goes ("arriving 12 of 40", "done", "failed: …").
 * Changed on the FX thread only; the arrival count is raised by the retrieving thread through a {@link LiveCount}.
 */
public final class SeriesRow {

    public enum State { NOT_CACHED, PARTLY_CACHED, CACHED, WAITING, ARRIVING, DONE, FAILED, CANCELLED }

    private final SeriesMatch match;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final LiveCount arrived = new LiveCount();
    private State state;
    private List<Path> files;
    private String failure;
    private int notSent;

    /** @param cachedFiles the files of this series the cache already holds */
    public SeriesRow(SeriesMatch match, List<Path> cachedFiles) {
        this.match = match;
        this.files = List.copyOf(cachedFiles);
        this.state = cachedFiles.isEmpty() ? State.NOT_CACHED
                : match.instances() != null && cachedFiles.size() < match.instances() ? State.PARTLY_CACHED : State.CACHED;
        arrived.doneProperty().addListener((o, old, n) -> refresh());
        refresh();
    }

    public SeriesMatch match() { return match; }

    public State state() { return state; }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public String status() { return status.get(); }

    /** The series' files in the cache: those found there, or those the last retrieve wrote. */
    public List<Path> files() { return files; }

    /** Whether the cache holds the whole series, so it can be opened. */
    public boolean complete() {
        return state == State.CACHED || state == State.DONE;
    }

    /** Whether a retrieve of it is queued or running. */
    public boolean busy() {
        return state == State.WAITING || state == State.ARRIVING;
    }

    /** Told of each instance written; any thread. */
    public void instanceArrived() {
        arrived.increment();
    }

    public void waiting() {
        set(State.WAITING);
    }

    public void arriving() {
        arrived.start(match.instances() == null ? 0 : match.instances());
        set(State.ARRIVING);
    }

    /** @param failedCount instances the archive counted as not sent */
    public void done(List<Path> written, int failedCount) {
        arrived.stop();
        files = List.copyOf(written);
        notSent = failedCount;
        set(written.isEmpty() ? State.FAILED : State.DONE);
        if (written.isEmpty()) {
            failure = "the archive sent no instance of this series";
            refresh();
        }
    }

    public void failed(String sentence) {
        arrived.stop();
        failure = sentence;
        set(State.FAILED);
    }

    public void cancelled() {
        arrived.stop();
        set(State.CANCELLED);
    }

    private void set(State s) {
        state = s;
        refresh();
    }

    private void refresh() {
        Integer m = match.instances();
        status.set(switch (state) {
            case NOT_CACHED -> "not cached";
            case PARTLY_CACHED -> files.size() + " of " + m + " cached";
            case CACHED -> m == null ? files.size() + " cached" : files.size() + " of " + m + " cached";
            case WAITING -> "waiting";
            case ARRIVING -> "arriving " + arrived.doneProperty().get() + (m == null ? "" : " of " + m);
            case DONE -> "done, " + files.size() + " retrieved" + (notSent > 0 ? "; " + notSent + " not sent" : "");
            case FAILED -> "failed: " + failure;
            case CANCELLED -> "cancelled after " + arrived.doneProperty().get() + (m == null ? "" : " of " + m);
        });
    }
}
