// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

/** Identifies one slice of one open volume in the {@link PixelCache}. */
public record SliceKey(long volumeId, int slice) {
}
