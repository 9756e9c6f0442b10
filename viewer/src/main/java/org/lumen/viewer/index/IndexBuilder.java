// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects headers from many threads and groups them into the Patient → Study → Series tree: how the
 * indexer ({@code org.lumen.viewer.indexing}) and {@link DicomIndex#of} make an index.
 */
public final class IndexBuilder {

    private final List<InstanceHeader> headers = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    public synchronized void add(InstanceHeader header) {
        headers.add(header);
    }

    public synchronized void addProblem(Problem problem) {
        problems.add(problem);
    }

    /** Keeps one copy of each SOP instance, the first by path, so the result does not depend on thread timing. */
    private List<InstanceHeader> withoutDuplicates() {
        headers.sort(Comparator.comparing(h -> h.file().toString()));
        Map<String, InstanceHeader> bySopInstance = new HashMap<>();
        List<InstanceHeader> unique = new ArrayList<>();
        for (InstanceHeader header : headers) {
            InstanceHeader first = bySopInstance.putIfAbsent(header.sopInstanceUid(), header);
            if (first == null) {
                unique.add(header);
            } else {
                problems.add(new Problem(header.file().toString(), "duplicate of " + first.file()
                        + " (same SOP Instance UID); only that copy is used"));
            }
        }
        return unique;
    }

    public synchronized DicomIndex build() {
        List<InstanceHeader> instances = withoutDuplicates();
        Map<String, Map<String, List<InstanceHeader>>> studies = new LinkedHashMap<>();
        for (InstanceHeader h : instances) {
            studies.computeIfAbsent(h.study().studyInstanceUid(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(h.series().seriesInstanceUid(), k -> new ArrayList<>())
                    .add(h);
        }
        List<Study> result = new ArrayList<>();
        studies.forEach((studyUid, seriesMap) -> {
            List<Series> series = new ArrayList<>();
            seriesMap.forEach((seriesUid, members) -> {
                members.sort(Comparator.comparing((InstanceHeader h) -> h.instanceNumber() == null ? Integer.MAX_VALUE : h.instanceNumber())
                        .thenComparing(h -> h.file().toString()));
                series.add(new Series(members.getFirst().series(), members));
            });
            series.sort(Comparator.comparing((Series s) -> s.info().number() == null ? Integer.MAX_VALUE : s.info().number())
                    .thenComparing(Series::uid));
            InstanceHeader any = series.getFirst().instances().getFirst();
            result.add(new Study(any.study(), any.patient(), series));
        });
        result.sort(Comparator.comparing((Study s) -> Objects.requireNonNullElse(s.info().date(), "99999999"))
                .thenComparing(Study::uid));
        List<Problem> sortedProblems = new ArrayList<>(problems);
        sortedProblems.sort(Comparator.comparing(Problem::file));
        return new DicomIndex(result, sortedProblems);
    }
}
