// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

import java.util.List;
import org.lumen.network.NetworkException;
import org.lumen.task.TaskContext;

/**
 * Verifying and searching one archive, whatever it speaks: DIMSE (C-ECHO, C-FIND) or DICOMweb
 * (QIDO-RS). The command line and the window ask this, not the protocol.
 */
public interface ArchiveSearch extends AutoCloseable {

    /** Checks that the archive answers; returns the round trip in milliseconds. */
    long verify(TaskContext task) throws NetworkException;

    List<StudyMatch> findStudies(StudyQuery query, TaskContext task) throws NetworkException;

    /**
     * The patients matching the query's patient name and ID (C-FIND at PATIENT level in the Patient Root
     * model; DICOMweb has no patient level, so QIDO-RS studies are grouped by patient).
     */
    List<PatientMatch> findPatients(StudyQuery query, TaskContext task) throws NetworkException;

    List<SeriesMatch> findSeries(String studyInstanceUid, TaskContext task) throws NetworkException;

    /**
     * The instances of a study, or of one of its series when {@code seriesInstanceUid} is not null
     * (C-FIND at IMAGE level, QIDO-RS {@code /instances}): what a retrieve that resumes compares with the cache.
     */
    List<InstanceMatch> findInstances(String studyInstanceUid, String seriesInstanceUid, TaskContext task) throws NetworkException;

    /** Releases what the search holds (an HTTP client); nothing for DIMSE, whose associations last one operation. */
    @Override
    void close();
}
