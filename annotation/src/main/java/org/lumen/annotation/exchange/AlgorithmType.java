// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

/** How a segment was made, as DICOM's Segment Algorithm Type says it. */
public enum AlgorithmType {
    /** Drawn by a person. */
    MANUAL,
    /** Made by a person with a model's help (the model is named). */
    SEMIAUTOMATIC,
    /** Made by a model alone (the model is named). */
    AUTOMATIC
}
