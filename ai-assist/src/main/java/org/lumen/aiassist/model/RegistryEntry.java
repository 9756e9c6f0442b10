// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One installed model as the registry lists it: a package that passed its checks, or the sentence
 * saying why it was refused. Refused packages are listed too, so the user sees why a model is missing.
 */
public record RegistryEntry(Path source, boolean bundled, ModelPackage model, ModelRefusedException refusal) {

    public static RegistryEntry valid(ModelPackage model) {
        return new RegistryEntry(model.source(), model.bundled(), model, null);
    }

    public static RegistryEntry refused(Path source, ModelRefusedException refusal) {
        return new RegistryEntry(source, false, null, refusal);
    }

    public boolean isValid() { return model != null; }

    public Optional<ModelPackage> modelIfValid() { return Optional.ofNullable(model); }
}
