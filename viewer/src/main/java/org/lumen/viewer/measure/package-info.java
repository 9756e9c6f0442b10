// SPDX-License-Identifier: Apache-2.0
/**
 * Measurements (lengths, angles, rectangle and ellipse ROIs) as plain immutable records in patient
 * millimetres (LPS), with stable ids, so they survive zoom, pan, rotation and reformatting, show on
 * every viewport of the same frame of reference, and can be stored in the catalog as they are.
 * No JavaFX here: the viewport UI draws and edits them through {@link Measurement#points()} and
 * {@link Measurement#moved}.
 */
package org.lumen.viewer.measure;
