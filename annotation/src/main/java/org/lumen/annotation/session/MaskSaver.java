// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.List;
import java.util.Map;
import org.lumen.annotation.edit.ObjectLabel;
import org.lumen.annotation.mask.SliceRuns;

/**
 * Where an annotation session saves each finished step: the catalog, as a new revision. Called off
 * the UI thread with copies; each method returns the new revision's id.
 */
public interface MaskSaver {

    /**
     * The slices a step changed, by stored slice index, each as its runs (a snapshot; empty: cleared).
     * {@code origin} is null for a manual step, or the tag the step was started with (e.g.
     * "ai-finding:RUN:FINDING" when a finding became a mask), so the revision records where it came from.
     */
    long saveMaskSlices(Map<Integer, SliceRuns> changedSlices, String stepName, String origin) throws Exception;

    /** All vector and classification labels as they are after a step; {@code origin} as for masks. */
    long saveObjects(List<ObjectLabel> labels, String stepName, String origin) throws Exception;
}
