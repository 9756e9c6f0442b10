// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/** A file Lumen could not use, or a series it could not stack as asked, and why, in one sentence. */
public record Problem(String file, String reason) {
}
