// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

/**
 * Where an annotation session saves its mask after each step: the catalog, as a new revision.
 * Called off the UI thread with an encoded snapshot; returns the revision's id.
 */
@FunctionalInterface
public interface MaskSaver {

    long save(byte[] encodedMask, String stepName) throws Exception;
}
