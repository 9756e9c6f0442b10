// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.viewer.geometry.Vec3;

/** What a reviewer is shown of an annotation: its head revision's content in the dataset's class colours. */
class ReviewedLabelsTest extends WithReviewCases {

    @Test
    void aMaskIsItsHeadRevisionWithTheColoursOfTheDatasetsClasses() {
        CaseReview.Item ann = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES).item(cases.annMask).orElseThrow();
        ReviewedLabels labels = ReviewedLabels.load(cases.catalog, cases.dataset.id(), ann);

        MaskPayload head = (MaskPayload) cases.catalog.annotations().revision(ann.annotation().headRevisionId()).orElseThrow().payload();
        assertThat(labels.mask()).isEqualTo(head.mask());
        assertThat(labels.geometry()).isEqualTo(head.geometry());
        assertThat(labels.maskColours()).containsKeys(1, 2);
        assertThat(labels.classColours()).containsKeys("Nodule", "Mass");
        assertThat(labels.describe()).startsWith("Showing annotation " + cases.annMask);
    }

    @Test
    void shapesAreShownAndAnEmptyAnnotationIsRefusedWithAReason() {
        PointLabel carina = PointLabel.of(null, ReviewCases.SERIES, "Nodule", new Vec3(1, 2, 3));
        long shapes = cases.catalog.annotations().create(new NewAnnotation(ReviewCases.SERIES, cases.dataset.id(), AnnotationKind.VECTOR,
                null), cases.bob, Origin.MANUAL, VectorPayload.of(List.of(carina)), null).info().annotationId();
        long empty = cases.catalog.annotations().create(new NewAnnotation(ReviewCases.SERIES, cases.dataset.id(), AnnotationKind.VECTOR,
                null), cases.ann).id();
        CaseReview review = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES);

        ReviewedLabels labels = ReviewedLabels.load(cases.catalog, cases.dataset.id(), review.item(shapes).orElseThrow());
        assertThat(labels.mask()).isNull();
        assertThat(labels.vectors()).containsExactly(carina);
        assertThat(labels.describe()).isEqualTo("Showing 1 shape of annotation " + shapes + " (vector by bob).");
        assertThatThrownBy(() -> ReviewedLabels.load(cases.catalog, cases.dataset.id(), review.item(empty).orElseThrow()))
                .hasMessage("annotation " + empty + " (vector by ann) has nothing saved yet");
    }
}
