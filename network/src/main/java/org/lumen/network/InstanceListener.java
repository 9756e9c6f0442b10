// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.nio.file.Path;

/**
 * Told of each instance a retrieve has written whole into the cache, on the retrieving thread, as it
 * arrives: what lets a viewer show the first slices of a series while the rest are still coming.
 * It must return quickly (hand heavy work to another lane); an exception it throws is logged, not fatal.
 */
@FunctionalInterface
public interface InstanceListener {

    InstanceListener NONE = file -> { };

    void arrived(Path file);
}
