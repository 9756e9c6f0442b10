// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.List;
import java.util.Map;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.edit.ObjectLabel;
import org.lumen.annotation.mask.SliceRuns;

/**
 * Where an annotation session saves each finished step: the catalog, as a new revision. Called off
 * the UI thread with copies; each method returns the new revision's id.
 */
public interface MaskSaver {

    /**
     * The slices a step changed, by stored slice index, each as its runs (a snapshot; empty: cleared).
     * {@code origin} is where the step came from ({@link Origin#MANUAL}, or e.g. the AI finding that became
     * a mask), so the revision records it.
     */
    long saveMaskSlices(Map<Integer, SliceRuns> changedSlices, String stepName, Origin origin) throws Exception;

    /** All vector and classification labels as they are after a step; {@code origin} as for masks. */
    long saveObjects(List<ObjectLabel> labels, String stepName, Origin origin) throws Exception;
}
