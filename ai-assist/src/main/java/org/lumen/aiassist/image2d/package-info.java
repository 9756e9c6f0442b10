// SPDX-License-Identifier: Apache-2.0
/**
 * 2D image models (radiographs, mammograms, ultrasound frames, photographs): the card's image
 * contract applied to one image at a time in its own pixels — fit and flip ({@link org.lumen.aiassist.image2d.ImageTransform}),
 * tiles, blending, findings and heatmaps mapped back — study combination, and explanations by
 * occlusion and RISE. Decision 0024 and docs/ai.md ("2D models") describe it.
 */
package org.lumen.aiassist.image2d;
