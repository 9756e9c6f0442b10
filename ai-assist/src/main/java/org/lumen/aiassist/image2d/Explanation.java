// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;

/**
 * What a classification model looked at on one image: a saliency map over the image for one class,
 * how it was made, how many model runs it took and how long.
 *
 * @param method "occlusion" or "rise"
 */
public record Explanation(Heatmap2D map, String method, int runs, long nanos) {

    public Explanation {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(method, "method");
    }

    public double millis() {
        return nanos / 1e6;
    }
}
