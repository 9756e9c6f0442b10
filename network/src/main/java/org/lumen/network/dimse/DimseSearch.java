// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.util.List;
import org.lumen.network.NetworkException;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.query.InstanceMatch;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.TaskContext;

/** {@link ArchiveSearch} over DIMSE: C-ECHO and C-FIND on one node. */
public final class DimseSearch implements ArchiveSearch {

    private final PacsNode node;
    private final DimseClient client;

    public DimseSearch(PacsNode node, DimseClient client) {
        this.node = node;
        this.client = client;
    }

    @Override
    public long verify(TaskContext task) throws NetworkException {
        return client.echo(node, task);
    }

    @Override
    public List<StudyMatch> findStudies(StudyQuery query, TaskContext task) throws NetworkException {
        return client.findStudies(node, query, task);
    }

    @Override
    public List<org.lumen.network.query.PatientMatch> findPatients(StudyQuery query, TaskContext task) throws NetworkException {
        return client.findPatients(node, query, task);
    }

    @Override
    public List<SeriesMatch> findSeries(String studyInstanceUid, TaskContext task) throws NetworkException {
        return client.findSeries(node, studyInstanceUid, task);
    }

    @Override
    public List<InstanceMatch> findInstances(String studyInstanceUid, String seriesInstanceUid, TaskContext task) throws NetworkException {
        return client.findInstances(node, studyInstanceUid, seriesInstanceUid, task);
    }

    @Override
    public void close() {
        // each operation opened and released its own association
    }
}
