// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.pacs;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.lumen.app.pacs.ArrivalIndexer;
import org.lumen.app.pacs.ReceiverPeers;
import org.lumen.app.services.LumenServices;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.StorageReceiver;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Study;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * Lumen's storage receiver while the workstation is open: started from the network settings when the
 * window opens (only if they enable it), started again when they change, stopped when the window
 * closes. It accepts C-STORE from the saved DIMSE nodes only (each by its AE title, from its host), files
 * each instance in the offline cache, and indexes what an association brought into the catalog when it
 * ends; the status bar then says what arrived ("Received 20 instances of DOE^JOHN from ORTHANC").
 * Starting and stopping run in the background, one at a time; a port in use is a sentence, not a stack trace.
 */
public final class ReceiverService implements AutoCloseable {

    private static final String OFF = "The storage receiver is off (File ▸ Network settings turns it on).";

    private final LumenServices services;
    private final ExecutorService servers;
    private final FxTaskRunner tasks;
    private final ArrivalIndexer indexer;
    private final Consumer<String> report;
    private final Object lock = new Object();
    private final AtomicLong generation = new AtomicLong();
    /** What each association (one thread each) has stored so far, for the sentence when it ends. */
    private final ThreadLocal<Arrival> arrival = new ThreadLocal<>();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("The storage receiver is off.");
    private StorageReceiver receiver;
    private volatile boolean closed;

    /** @param report where sentences go (the status bar), on the FX thread */
    public ReceiverService(LumenServices services, ExecutorService servers, FxTaskRunner tasks, ArrivalIndexer indexer, Consumer<String> report) {
        this.services = services;
        this.servers = servers;
        this.tasks = tasks;
        this.indexer = indexer;
        this.report = report;
    }

    /** What the receiver does now, in a sentence (FX thread). */
    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }

    /** The port it listens on, or -1 when it does not run. */
    public int port() {
        synchronized (lock) {
            return receiver == null ? -1 : receiver.port();
        }
    }

    /**
     * Reads the settings and the saved nodes and starts (or stops) the receiver accordingly, in the background.
     *
     * @param sayOff whether "the receiver is off" goes to the status bar too (not when the window opens: off is the default)
     */
    public void restart(boolean sayOff) {
        long mine = generation.incrementAndGet();
        tasks.submit(BackgroundTask.of("Starting the storage receiver", task -> apply(mine)), sentence -> {
            if (sentence != null) {
                state.set(sentence);
                if (sayOff || !sentence.equals(OFF)) {
                    report.accept(sentence);
                }
            }
        }, failure -> {
            state.set(failure);
            report.accept(failure);
        });
    }

    /**
     * Starts the receiver again if it runs, so it takes the saved nodes as they are now. Associations in
     * progress end (their peer sees the connection close); what they had stored stays in the cache.
     */
    public void restartIfRunning() {
        if (port() >= 0) {
            restart(false);
        }
    }

    /** Off the FX thread: stops the running receiver, then starts one as the settings say; null when a later restart took over. */
    private String apply(long mine) throws IOException, InterruptedException {
        synchronized (lock) {
            int previousPort = receiver == null ? -1 : receiver.port();
            stopReceiver();
            if (closed || mine != generation.get()) {
                return null;
            }
            NetworkSettings settings = services.networkSettings();
            if (!settings.receiverEnabled()) {
                return OFF;
            }
            List<StorageReceiver.AllowedPeer> peers = ReceiverPeers.savedNodes(services.nodes());
            StorageReceiver.Settings s = new StorageReceiver.Settings(settings.receiverAet(), null, settings.receiverPort(), peers, Timeouts.DEFAULT);
            try {
                receiver = start(s, previousPort);
            } catch (IOException e) {
                return capitalised(e.getMessage()) + "; choose another port in File ▸ Network settings.";
            }
            return "The storage receiver listens as " + s.aet() + " on port " + receiver.port() + (peers.isEmpty()
                    ? "; no node may send yet (save a DIMSE node in File ▸ Query/Retrieve)." : " for " + ReceiverPeers.describe(peers) + ".");
        }
    }

    /**
     * Starts the receiver; on the port the previous one just gave up, tries again for up to 2 s: the
     * socket is released only once its accept loop has noticed the close.
     */
    private StorageReceiver start(StorageReceiver.Settings s, int previousPort) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (true) {
            try {
                return StorageReceiver.start(s, services.dataFolder().pacsCache(), servers, new Listener());
            } catch (IOException e) {
                if (s.port() != previousPort || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private void stopReceiver() {
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
    }

    /** Stops the receiver for good (the window closes). */
    @Override
    public void close() {
        closed = true;
        generation.incrementAndGet();
        synchronized (lock) {
            stopReceiver();
        }
    }

    /** Hears the receiver on its association threads. */
    private final class Listener implements StorageReceiver.Listener {
        @Override
        public void stored(java.nio.file.Path file, String studyInstanceUid, String callingAet) {
            Arrival a = arrival.get();
            if (a == null) {
                a = new Arrival(callingAet);
                arrival.set(a);
            }
            a.instances++;
        }

        @Override
        public void associationEnded(Set<String> studyInstanceUids) {
            Arrival a = arrival.get();
            arrival.remove();
            int instances = a == null ? 0 : a.instances;
            String from = a == null ? "a peer" : a.callingAet;
            tasks.submit(BackgroundTask.of("Indexing what " + from + " sent", task -> {
                Set<String> patients = new TreeSet<>();
                org.lumen.app.cache.CacheRetrieval cache = org.lumen.app.cache.CacheRetrieval.of(services);
                for (String study : studyInstanceUids) {
                    DicomIndex index = indexer.indexStudy(study, task);
                    // Recorded in the offline cache like a retrieve (size, source), and older studies evicted past the limit.
                    cache.keep(study, from);
                    for (Study s : index.studies()) {
                        patients.add(s.patient() == null || s.patient().name() == null || s.patient().name().isBlank()
                                ? "an unnamed patient" : s.patient().name());
                    }
                }
                return "Received " + instances + (instances == 1 ? " instance" : " instances") + " of " + String.join(", ", patients)
                        + " from " + from + "; in the cache and the catalog.";
            }), report, report);
        }

        @Override
        public void refused(String callingAet, String host, String why) {
            // The task only carries the sentence onto the FX thread, as every other sentence of the receiver.
            tasks.submit(BackgroundTask.of("Storage receiver", task -> "The storage receiver refused an association: " + why + "."),
                    report, report);
        }
    }

    /** One association's count so far. */
    private static final class Arrival {
        final String callingAet;
        int instances;

        Arrival(String callingAet) {
            this.callingAet = callingAet;
        }
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
