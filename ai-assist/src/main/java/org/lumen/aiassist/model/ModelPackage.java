// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.nio.file.Path;
import java.util.Objects;
import org.lumen.aiassist.onnx.OnnxGraphInfo;

/**
 * A model package that passed every check short of loading it into ONNX Runtime: its card (with
 * the graph's tensor names filled in), its ONNX file, and the graph's outline.
 *
 * @param source    what the user gave: a folder or a zip
 * @param folder    where its files are (the extracted folder for a zip)
 * @param batchSize how many patches go into one run: the card's maxBatch, or the graph's fixed batch
 * @param bundled   true for Lumen's own demo model
 */
public record ModelPackage(Path source, Path folder, ModelCard card, Path onnxFile, OnnxGraphInfo graph, int batchSize,
                           boolean bundled) {

    public ModelPackage {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(onnxFile, "onnxFile");
    }

    public String id() { return card.id(); }

    public String version() { return card.version(); }

    public String sha256() { return card.sha256(); }

    /** "id version (sha256 prefix)", for logs and status lines. */
    public String label() {
        return card.id() + " " + card.version() + " (" + card.sha256().substring(0, 12) + ")";
    }
}
