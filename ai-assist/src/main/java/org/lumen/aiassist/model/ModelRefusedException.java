// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model package Lumen will not run, with one sentence that names the package and what is wrong
 * (checksum, not ONNX, contract, operator, incomplete card). The CLI prints it as is.
 */
public final class ModelRefusedException extends Exception {

    private final Refusal reason;
    private final Path source;

    public ModelRefusedException(Refusal reason, Path source, String sentence) {
        this(reason, source, sentence, null);
    }

    public ModelRefusedException(Refusal reason, Path source, String sentence, Throwable cause) {
        super("model package " + source + " is refused: " + sentence, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.source = source;
    }

    public Refusal reason() { return reason; }

    public Path source() { return source; }
}
