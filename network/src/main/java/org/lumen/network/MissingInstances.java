// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.lumen.network.query.InstanceMatch;

/**
 * What a retrieve that resumes still has to fetch: the archive's list of instances compared with the
 * {@code SOPInstanceUID.dcm} files already in the cache folder. A series with nothing in the cache is
 * fetched whole (one request), a series with some instances only for the ones missing, and a study
 * with nothing in the cache as one study retrieve.
 */
public final class MissingInstances {

    /** One request of the plan: a whole study, a whole series, or some instances of one series. */
    public sealed interface Fetch {
        /** How many instances it brings, as the archive listed them. */
        int instances();
    }

    public record WholeStudy(int instances) implements Fetch { }

    public record WholeSeries(String seriesInstanceUid, int instances) implements Fetch { }

    public record SomeInstances(String seriesInstanceUid, List<String> sopInstanceUids) implements Fetch {
        public SomeInstances {
            sopInstanceUids = List.copyOf(sopInstanceUids);
        }

        @Override
        public int instances() {
            return sopInstanceUids.size();
        }
    }

    /**
     * @param listed  how many instances the archive listed
     * @param present how many of them the cache already holds
     * @param fetches what to ask for, in the archive's order of series
     */
    public record Plan(int listed, int present, List<Fetch> fetches) {
        public Plan {
            fetches = List.copyOf(fetches);
        }

        public int missing() {
            return listed - present;
        }
    }

    private MissingInstances() { }

    /** The SOP Instance UIDs whose whole file is in {@code folder} (temporary files of an interrupted write do not count). */
    public static Set<String> inFolder(Path folder) throws IOException {
        Set<String> present = new HashSet<>();
        if (!Files.isDirectory(folder)) {
            return present;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".dcm") && !name.startsWith("."))
                    .forEach(name -> present.add(name.substring(0, name.length() - ".dcm".length())));
        }
        return present;
    }

    /**
     * Removes what an interrupted write left behind ({@code .NAME.dcm.RANDOM.tmp} from {@code AtomicFiles}):
     * never a whole instance, so never worth keeping. Returns how many it removed.
     */
    public static int removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(f);
            }).toList()) {
                if (Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * The plan for {@code listed} (the archive's answer for a study, or for its series {@code seriesUid}
     * when not null) against {@code present}. A whole study with nothing cached is one request; so is
     * one where the archive listed an instance without its series (Lumen cannot ask for it alone).
     */
    public static Plan plan(List<InstanceMatch> listed, Set<String> present, String seriesUid) {
        Map<String, List<InstanceMatch>> bySeries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        boolean seriesUnknown = false;
        for (InstanceMatch m : listed) {
            if (!seen.add(m.sopInstanceUid())) {
                continue;
            }
            String series = m.seriesInstanceUid() != null ? m.seriesInstanceUid() : seriesUid;
            seriesUnknown |= series == null;
            bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(m);
        }
        int total = seen.size();
        int have = (int) seen.stream().filter(present::contains).count();
        List<Fetch> fetches = new ArrayList<>();
        if (have == total) {
            return new Plan(total, have, fetches);
        }
        if (seriesUid == null && (have == 0 || seriesUnknown)) {
            fetches.add(new WholeStudy(seriesUnknown ? total : total - have));
            return new Plan(total, have, fetches);
        }
        for (Map.Entry<String, List<InstanceMatch>> series : bySeries.entrySet()) {
            List<String> missing = series.getValue().stream().map(InstanceMatch::sopInstanceUid).filter(uid -> !present.contains(uid)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            fetches.add(missing.size() == series.getValue().size() ? new WholeSeries(series.getKey(), missing.size())
                    : new SomeInstances(series.getKey(), missing));
        }
        return new Plan(total, have, fetches);
    }
}
