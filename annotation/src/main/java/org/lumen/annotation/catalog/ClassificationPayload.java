// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.List;
import org.lumen.annotation.edit.ClassificationLabel;

/**
 * Classifications of a series, its images or frames ("normal", "nodule present" …), as the editor
 * keeps them: each names its class from the dataset's label schema.
 */
public record ClassificationPayload(List<ClassificationLabel> labels) implements Payload {

    public ClassificationPayload {
        labels = List.copyOf(labels);
    }

    @Override
    public AnnotationKind kind() {
        return AnnotationKind.CLASSIFICATION;
    }
}
