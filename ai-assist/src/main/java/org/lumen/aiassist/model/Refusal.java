// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

/** Why a model package was refused. */
public enum Refusal {
    /** The path is neither a folder nor a zip archive (or the zip is damaged). */
    NOT_A_PACKAGE,
    /** The folder, zip, card or ONNX file is missing or cannot be read. */
    MISSING_FILE,
    /** A required card field is absent. */
    INCOMPLETE_CARD,
    /** A card field has a value Lumen cannot use, or the card and MONAI metadata disagree. */
    INVALID_CARD,
    /** The ONNX file's sha256 differs from the card's. */
    CHECKSUM_MISMATCH,
    /** The file is not an ONNX model. */
    NOT_ONNX,
    /** The card's input/output contract does not match the graph's inputs and outputs. */
    CONTRACT_MISMATCH,
    /** ONNX Runtime has no implementation for an operator the graph uses. */
    UNSUPPORTED_OPERATOR,
    /** ONNX Runtime refused the model for another reason. */
    NOT_LOADABLE
}
