// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The result of indexing a source: studies (Patient → Study → Series → Instance) and every problem met. */
public record DicomIndex(List<Study> studies, List<Problem> problems) {

    public DicomIndex {
        studies = List.copyOf(studies);
        problems = List.copyOf(problems);
    }

    /** Every series, in the order {@code lumen info} lists them; a series INDEX counts from 0 here. */
    public List<Series> allSeries() {
        List<Series> all = new ArrayList<>();
        studies.forEach(s -> all.addAll(s.series()));
        return all;
    }

    /**
     * Groups headers already read (an arriving study's, say) exactly as indexing a source does: the same
     * order of studies, series and instances, duplicates reported the same way.
     */
    public static DicomIndex of(java.util.Collection<InstanceHeader> headers, java.util.Collection<Problem> problems) {
        IndexBuilder builder = new IndexBuilder();
        headers.forEach(builder::add);
        problems.forEach(builder::addProblem);
        return builder.build();
    }

    public Optional<Series> seriesByUid(String uid) {
        return allSeries().stream().filter(s -> s.uid().equals(uid)).findFirst();
    }

    public int instanceCount() {
        return studies.stream().flatMap(s -> s.series().stream()).mapToInt(s -> s.instances().size()).sum();
    }
}
