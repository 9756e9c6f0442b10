// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.List;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.viewer.measure.Measurement;

/**
 * Vector content in patient mm: the editor's labelled shapes (boxes, points, lines) and the viewer's
 * measurements (length, angle, ellipse and rectangle ROIs). Stored as documented JSON (docs/catalog.md).
 */
public record VectorPayload(List<VectorLabel> labels, List<Measurement> measurements) implements Payload {

    public VectorPayload {
        labels = List.copyOf(labels);
        measurements = List.copyOf(measurements);
    }

    public static VectorPayload of(List<VectorLabel> labels) {
        return new VectorPayload(labels, List.of());
    }

    @Override
    public AnnotationKind kind() {
        return AnnotationKind.VECTOR;
    }
}
