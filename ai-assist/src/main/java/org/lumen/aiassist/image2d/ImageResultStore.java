// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.io.IOException;
import java.util.Optional;
import org.lumen.aiassist.model.ImageFacts;

/**
 * Where finished 2D results are kept, one per image (SOP Instance UID and frame, its pixels) and model, so that
 * reopening an image, or running the same model on it again, does not recompute (the 2D sibling of
 * {@link org.lumen.aiassist.engine.ResultStore}). A study's combined result is not stored: it is combined afresh from its
 * images' results, which gives the same result.
 */
public interface ImageResultStore {

    /**
     * The result stored under {@code key}, or empty when there is none or it was damaged (then dropped).
     *
     * @param facts the image's facts now (they are not stored: the key names the image)
     */
    Optional<ImageResult> loadImage(String key, ImageFacts facts) throws IOException;

    void storeImage(String key, ImageResult result) throws IOException;
}
