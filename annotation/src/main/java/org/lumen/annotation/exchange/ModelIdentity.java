// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.Objects;

/** The AI model behind a finding, as an SR names its device observer: name, version and the SHA-256 of its file. */
public record ModelIdentity(String name, String version, String sha256) {

    public ModelIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
    }
}
