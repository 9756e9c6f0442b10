// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.index.InstanceHeader;

/** One frame of one instance, with the plane it lies in. */
public record FrameRef(InstanceHeader instance, int frame, ImagePlane plane) {

    int rows() { return instance.pixels().rows(); }

    int columns() { return instance.pixels().columns(); }
}
