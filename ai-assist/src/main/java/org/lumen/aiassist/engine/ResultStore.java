// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import java.io.IOException;
import java.util.Optional;

/** Where finished results are kept so that reopening a series with the same model is instant. */
public interface ResultStore {

    Optional<InferenceResult> load(String key) throws IOException;

    void store(String key, InferenceResult result) throws IOException;
}
