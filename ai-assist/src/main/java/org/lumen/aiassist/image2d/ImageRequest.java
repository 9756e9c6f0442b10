// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;
import org.lumen.aiassist.runtime.DeviceRequest;

/**
 * What to run on a set of 2D images and how: the device, which explanation a classification
 * model's images get (none, occlusion or RISE), whether to run on images outside the model's
 * intended use (every result is then marked), and whether a saved result may answer (when the engine
 * has a result store).
 */
public record ImageRequest(DeviceRequest device, Explain explain, boolean runOutsideIntendedUse, boolean useCache) {

    /** The explanation computed for each image of a classification model. */
    public enum Explain { NONE, OCCLUSION, RISE }

    public ImageRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(explain, "explain");
    }

    /** auto device, no explanation, refuse images outside intended use, saved results may answer. */
    public static ImageRequest defaults() {
        return new ImageRequest(DeviceRequest.AUTO, Explain.NONE, false, true);
    }

    public ImageRequest withDevice(DeviceRequest d) {
        return new ImageRequest(d, explain, runOutsideIntendedUse, useCache);
    }

    public ImageRequest withExplain(Explain e) {
        return new ImageRequest(device, e, runOutsideIntendedUse, useCache);
    }

    public ImageRequest withRunOutsideIntendedUse(boolean insist) {
        return new ImageRequest(device, explain, insist, useCache);
    }

    /** Whether a saved result may answer (false: run the model, and keep the new result). */
    public ImageRequest withCache(boolean use) {
        return new ImageRequest(device, explain, runOutsideIntendedUse, use);
    }
}
