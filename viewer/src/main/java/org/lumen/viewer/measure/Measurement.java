// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.List;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/**
 * One measurement drawn by a user. Every coordinate is a patient point (LPS, mm), not a screen or
 * pixel position, so the measurement stays right under zoom, pan and rotation and can be shown on
 * any plane of the same frame of reference. Implementations are immutable records; editing makes a
 * copy with the same {@link #id()}, which stays stable for storage.
 */
public sealed interface Measurement permits LengthMeasurement, AngleMeasurement, ShapeRoi {

    /** Stable identity: kept by {@link #moved}, used to replace and to store the measurement. */
    UUID id();

    /** The frame of reference the points are in; null when the series declares none. */
    String frameOfReferenceUid();

    /** The series the measurement was drawn on. */
    String seriesInstanceUid();

    /** The defining patient points, in handle order: what the UI draws and lets the user drag. */
    List<Vec3> points();

    /**
     * A copy with defining point {@code handleIndex} (an index into {@link #points()}) moved to
     * {@code to}; same id.
     *
     * @throws IndexOutOfBoundsException when there is no such handle
     */
    Measurement moved(int handleIndex, Vec3 to);
}
