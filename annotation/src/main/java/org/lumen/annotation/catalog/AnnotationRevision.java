// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** A revision with its decoded content. */
public record AnnotationRevision(RevisionInfo info, Payload payload) {

    public long id() {
        return info.id();
    }
}
