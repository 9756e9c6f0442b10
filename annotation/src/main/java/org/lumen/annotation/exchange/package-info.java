// SPDX-License-Identifier: Apache-2.0
/**
 * What Lumen exchanges with other DICOM tools, as plain domain types (no PixelMed, no JavaFX): the
 * inputs of the SEG and SR writers and what the SEG, SR and RT Structure Set readers return. The
 * writing and reading itself is in {@code org.lumen.annotation.dicom} (docs/dicom-objects.md).
 */
package org.lumen.annotation.exchange;
