// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

/** Told when a slice of a loading volume becomes available, or cannot be; called on a decoding thread. */
public interface SliceListener {

    void sliceLoaded(Volume volume, int slice);

    default void sliceFailed(Volume volume, int slice, String reason) { }
}
