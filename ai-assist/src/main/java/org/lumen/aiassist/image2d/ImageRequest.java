// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;
import org.lumen.aiassist.runtime.DeviceRequest;

/**
 * What to run on a set of 2D images and how: the device, which explanation a classification
 * model's images get (none, occlusion or RISE), and whether to run on images outside the model's
 * intended use (every result is then marked).
 */
public record ImageRequest(DeviceRequest device, Explain explain, boolean runOutsideIntendedUse) {

    /** The explanation computed for each image of a classification model. */
    public enum Explain { NONE, OCCLUSION, RISE }

    public ImageRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(explain, "explain");
    }

    /** auto device, no explanation, refuse images outside intended use. */
    public static ImageRequest defaults() {
        return new ImageRequest(DeviceRequest.AUTO, Explain.NONE, false);
    }

    public ImageRequest withDevice(DeviceRequest d) {
        return new ImageRequest(d, explain, runOutsideIntendedUse);
    }

    public ImageRequest withExplain(Explain e) {
        return new ImageRequest(device, e, runOutsideIntendedUse);
    }

    public ImageRequest withRunOutsideIntendedUse(boolean insist) {
        return new ImageRequest(device, explain, insist);
    }
}
