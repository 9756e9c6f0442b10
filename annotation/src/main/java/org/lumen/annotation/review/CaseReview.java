// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lumen.annotation.catalog.Agreement;
import org.lumen.annotation.catalog.Annotation;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogException;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.lumen.annotation.catalog.ClassAgreement;
import org.lumen.annotation.catalog.DatasetMember;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.Person;
import org.lumen.annotation.catalog.ReviewEvent;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.catalog.RevisionInfo;

/**
 * One case (a series in a dataset) as a reviewer sees it: the case's review state, its annotations
 * (those of this dataset, or of none) with author, revision count and last change, every review
 * step of the case and of those annotations in order, and the pairs of mask annotations drawn by
 * different annotators with their stored agreement when it compares the current heads.
 */
public record CaseReview(DatasetRecord dataset, String seriesUid, ReviewState caseState, List<Item> annotations,
                         List<Step> history, List<Comparison> comparisons, Map<Integer, String> classNames) {

    public CaseReview {
        annotations = List.copyOf(annotations);
        history = List.copyOf(history);
        comparisons = List.copyOf(comparisons);
        classNames = Map.copyOf(classNames);
    }

    /** An annotation of the case: who made it, how many revisions it has and when the last one was saved (null: none yet). */
    public record Item(Annotation annotation, String author, int revisions, Instant lastChange) {

        public long id() { return annotation.id(); }

        public AnnotationKind kind() { return annotation.kind(); }

        public ReviewState state() { return annotation.reviewState(); }

        /** "annotation 7 (mask by ann)". */
        public String describe() {
            return "annotation " + id() + " (" + kind().name().toLowerCase(Locale.ROOT) + " by " + author + ")";
        }
    }

    /** One review step, with the name of who made it and what it moved ("the case" or an annotation). */
    public record Step(ReviewEvent event, String person, String subject) {
    }

    /** Two mask annotations by different annotators; {@code agreement} compares their current heads, or is null when not computed yet. */
    public record Comparison(Item a, Item b, Agreement agreement) {

        /** "ann and bob". */
        public String describe() {
            return a.author() + " and " + b.author();
        }
    }

    /** Reads the case {@code seriesUid} of dataset {@code datasetId}. */
    public static CaseReview read(Catalog catalog, long datasetId, String seriesUid) {
        DatasetRecord dataset = catalog.datasets().byId(datasetId)
                .orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "there is no dataset " + datasetId + " in the catalog"));
        DatasetMember member = catalog.datasets().member(datasetId, seriesUid)
                .orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "series " + seriesUid + " is not a case of dataset "
                        + dataset.name()));
        Map<Long, String> names = new HashMap<>();
        for (Person p : catalog.people().all()) {
            names.put(p.id(), p.name());
        }
        List<Item> items = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (ReviewEvent e : catalog.reviews().caseHistory(datasetId, seriesUid)) {
            steps.add(new Step(e, name(names, e.personId()), "the case"));
        }
        for (Annotation a : catalog.annotations().annotations(seriesUid)) {
            if (a.datasetId() != null && a.datasetId() != datasetId) {
                continue;
            }
            List<RevisionInfo> revisions = catalog.annotations().history(a.id());
            Item item = new Item(a, name(names, a.createdBy()), revisions.size(),
                    revisions.isEmpty() ? null : revisions.getLast().createdAt());
            items.add(item);
            for (ReviewEvent e : catalog.reviews().history(a.id())) {
                steps.add(new Step(e, name(names, e.personId()), item.describe()));
            }
        }
        steps.sort(Comparator.comparing((Step s) -> s.event().at()).thenComparingLong(s -> s.event().id()));
        Map<Integer, String> classNames = new HashMap<>();
        for (LabelClass c : catalog.labelClasses().of(datasetId)) {
            if (c.maskValue() != null) {
                classNames.put(c.maskValue(), c.name());
            }
        }
        return new CaseReview(dataset, seriesUid, member.reviewState(), items, steps,
                comparisons(items, catalog.agreements().of(seriesUid)), classNames);
    }

    /** The datasets that have series {@code seriesUid} as a case, by name. */
    public static List<DatasetRecord> datasetsOf(Catalog catalog, String seriesUid) {
        return catalog.datasets().all().stream().filter(d -> catalog.datasets().member(d.id(), seriesUid).isPresent()).toList();
    }

    /** Whether two or more annotators have masks with content here, so their agreement can be computed. */
    public boolean canCompareMasks() {
        return !comparisons.isEmpty();
    }

    /**
     * Computes (and stores) the agreement of every pair whose current heads have not been compared
     * yet, and returns the case read again.
     */
    public CaseReview computeAgreement(Catalog catalog) {
        if (!canCompareMasks()) {
            throw new CatalogException(Reason.REFUSED, "agreement needs mask annotations by two or more annotators on this case");
        }
        for (Comparison c : comparisons) {
            if (c.agreement() == null) {
                catalog.agreements().compute(c.a().annotation().headRevisionId(), c.b().annotation().headRevisionId());
            }
        }
        return read(catalog, dataset.id(), seriesUid);
    }

    public Optional<Item> item(long annotationId) {
        return annotations.stream().filter(i -> i.id() == annotationId).findFirst();
    }

    /** The class a mask value stands for in this dataset, or "label N". */
    public String className(int label) {
        return classNames.getOrDefault(label, "label " + label);
    }

    private static List<Comparison> comparisons(List<Item> items, List<Agreement> stored) {
        List<Item> masks = items.stream()
                .filter(i -> i.kind() == AnnotationKind.MASK && i.annotation().headRevisionId() != null).toList();
        List<Comparison> pairs = new ArrayList<>();
        for (int x = 0; x < masks.size(); x++) {
            for (int y = x + 1; y < masks.size(); y++) {
                Item a = masks.get(x);
                Item b = masks.get(y);
                if (a.annotation().createdBy() == b.annotation().createdBy()) {
                    continue;
                }
                long ha = a.annotation().headRevisionId();
                long hb = b.annotation().headRevisionId();
                Agreement latest = stored.stream()
                        .filter(s -> s.revisionA() == ha && s.revisionB() == hb || s.revisionA() == hb && s.revisionB() == ha)
                        .reduce((first, second) -> second).orElse(null);
                pairs.add(new Comparison(a, b, latest == null || latest.revisionA() == ha ? latest : swap(latest)));
            }
        }
        return pairs;
    }

    /** A stored agreement computed as (b, a), turned round so its "A" columns are the comparison's {@code a}. */
    private static Agreement swap(Agreement g) {
        return new Agreement(g.id(), g.seriesUid(), g.revisionB(), g.revisionA(), g.computedAt(), g.connectivity(),
                g.classes().stream().map(c -> new ClassAgreement(c.label(), c.dice(), c.voxelsB(),
                        c.voxelsA(), c.overlap(), c.lesionsB(), c.lesionsA(), c.matchedB(), c.matchedA())).toList());
    }

    private static String name(Map<Long, String> names, long id) {
        return names.getOrDefault(id, "person " + id);
    }
}
