// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.List;
import org.lumen.viewer.geometry.Vec3;

/**
 * A labelled shape in patient coordinates (LPS, mm) — box, point, line — so it stays right under
 * zoom, pan and reformat like the viewer's measurements, and can be drawn on any plane of its frame
 * of reference.
 */
public sealed interface VectorLabel extends ObjectLabel permits BoxLabel, PointLabel, LineLabel {

    /** The frame of reference the points are in; null when the series declares none. */
    String frameOfReferenceUid();

    /** The defining patient points, in handle order: what the UI draws and lets the user drag. */
    List<Vec3> points();

    /**
     * A copy with handle {@code handleIndex} moved to {@code to}; same id.
     *
     * @throws IndexOutOfBoundsException when there is no such handle
     */
    VectorLabel moved(int handleIndex, Vec3 to);

    @Override
    VectorLabel withClass(String labelClass);
}
