// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassAgreement;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.CaseReview;
import org.lumen.annotation.review.ReviewMoves;

/**
 * The Review panel's logic: the case of a series (a series in a dataset) with its annotations, the
 * case's own state, the review history and the agreement of annotators' masks; Submit / Approve /
 * Return / Reopen for the selected annotation and for the whole case (a return needs a comment),
 * what is enabled when, and the sentence shown. Catalog calls run on the catalog's lane; their
 * outcome comes back on the view's thread, where {@link Listener}s hear of every change and read
 * {@link #state()} again.
 */
public final class ReviewViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** Hears of the view-model's changes, on the view's thread. */
    public interface Listener {
        /** The state changed: read {@link #state()} again. */
        void changed();

        /** A move needs a comment first (a return): the view may put the cursor in the comment field. */
        default void commentWanted() { }
    }

    /** The line under the buttons: a sentence, and whether it says something went wrong. */
    public record Message(String text, boolean error) {
        static final Message NONE = new Message("", false);
    }

    /** Which of Submit, Approve, Return and Reopen may be pressed, for an annotation or for the case. */
    public record Moves(boolean submit, boolean approve, boolean giveBack, boolean reopen) {
        static final Moves NONE = new Moves(false, false, false, false);

        static Moves from(ReviewState state) {
            return state == null ? NONE : new Moves(state.canMoveTo(ReviewState.SUBMITTED), state.canMoveTo(ReviewState.APPROVED),
                    state.canMoveTo(ReviewState.RETURNED), state.canMoveTo(ReviewState.DRAFT));
        }
    }

    /** One row of the agreement table: a pair of annotators on one class, and the counts behind it (a tooltip). */
    public record AgreementRow(String className, String dice, String lesions, String f1, String detail) { }

    /**
     * Everything the panel shows.
     *
     * @param dataset     the dataset chosen among {@code datasets}, or null
     * @param caseTooltip the case's series UID in full, or null
     * @param selected    the id of the selected annotation, or null
     * @param history     the review steps, newest first
     */
    public record State(List<DatasetRecord> datasets, DatasetRecord dataset, String person, String caseLine, String caseTooltip,
                        String caseState, List<CaseReview.Item> annotations, Long selected, List<CaseReview.Step> history,
                        List<AgreementRow> agreement, String agreementNote, Moves annotationMoves, Moves caseMoves,
                        boolean canComputeAgreement, boolean commentEnabled, String comment, boolean showOnImages, Message message) {
    }

    private final CatalogCalls calls;
    private final Consumer<String> report;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private String personName = System.getProperty("user.name", "reviewer");
    private Supplier<Long> preferredDataset = () -> null;
    private Consumer<String> onMoved = uid -> { };
    private BiConsumer<CaseReview, CaseReview.Item> onShow = (r, i) -> { };
    private List<DatasetRecord> datasets = List.of();
    private DatasetRecord dataset;
    private String seriesUid;
    private CaseReview shown;
    private Long selected;
    private String comment = "";
    private boolean showOnImages;
    private Message message = Message.NONE;
    /** An agreement is being computed: Compute is not offered meanwhile. */
    private boolean computing;

    /**
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param replies the view's thread (the FX thread in the window)
     * @param report  where failures go besides the panel's message line (on the view's thread)
     */
    public ReviewViewModel(Supplier<Catalog> catalog, Executor lane, Executor replies, Consumer<String> report) {
        this.calls = new CatalogCalls("Review panel", catalog, lane, replies);
        this.report = report;
    }

    public void addListener(Listener listener) { listeners.add(listener); }

    /** Who works at this workstation (default: the system user); added to the catalog as annotator and reviewer at the first move. */
    public void setPerson(String name) {
        personName = name;
        changed();
    }

    /** Told which annotation to show over the series (null: none) while "show on images" is on, with the case it belongs to. */
    public void setOnShow(BiConsumer<CaseReview, CaseReview.Item> handler) { onShow = handler; }

    /** Told the series UID of a case after a move of it or of one of its annotations (the labelling session may reload). */
    public void setOnMoved(Consumer<String> handler) { onMoved = handler; }

    /** The dataset to prefer when the series is a case of several (the Labels tab's choice), or null. */
    public void setPreferredDataset(Supplier<Long> datasetId) { preferredDataset = datasetId; }

    /** Says what the images now show (or why they cannot), in the message line. */
    public void showNote(String sentence) {
        info(sentence);
    }

    /** The case on screen, or null. */
    public CaseReview shown() { return shown; }

    public String seriesUid() { return seriesUid; }

    /** Shows the case of series {@code uid} (null: none): finds the datasets it belongs to, then reads the case. */
    public void showCase(String uid) {
        seriesUid = uid;
        if (uid == null) {
            datasets = List.of();
            dataset = null;
            show(null);
            info("Open a series to review its case.");
            return;
        }
        calls.call(c -> CaseReview.datasetsOf(c, uid), list -> {
            if (!uid.equals(seriesUid)) {
                return;
            }
            DatasetRecord keep = dataset;
            Long preferred = preferredDataset.get();
            datasets = List.copyOf(list);
            dataset = list.stream().filter(d -> keep != null && d.id() == keep.id()).findFirst()
                    .or(() -> list.stream().filter(d -> preferred != null && d.id() == preferred).findFirst())
                    .orElse(list.isEmpty() ? null : list.getFirst());
            load();
        }, this::failed);
    }

    /** Reads the case again (after a change elsewhere, or when the panel comes to the front). */
    public void refresh() {
        showCase(seriesUid);
    }

    /** The user chose another of the series' datasets: its case is read. */
    public void chooseDataset(DatasetRecord d) {
        if (Objects.equals(d, dataset)) {
            return;
        }
        dataset = d;
        load();
    }

    /** The user selected an annotation of the case (null: none). */
    public void select(Long annotationId) {
        if (Objects.equals(annotationId, selected)) {
            return;
        }
        selected = annotationId;
        if (showOnImages) {
            onShow.accept(shown, selectedItem());
        }
        changed();
    }

    /** Shows the selected annotation over the series, read-only (or takes it down). */
    public void setShowOnImages(boolean on) {
        if (on == showOnImages) {
            return;
        }
        showOnImages = on;
        onShow.accept(shown, on ? selectedItem() : null);
        changed();
    }

    /** The comment as typed; it goes with the next move and is cleared when that succeeds. */
    public void setComment(String text) {
        comment = text == null ? "" : text;
    }

    /** Moves the selected annotation to {@code to}. */
    public void moveSelected(ReviewState to) {
        CaseReview.Item item = selectedItem();
        if (item == null || shown == null) {
            error("Select an annotation first.");
            return;
        }
        move(to, (c, who, text) -> ReviewMoves.moveAnnotation(c, item.id(), to, who, text),
                () -> ReviewMoves.sentence(item.describe() + " " + ReviewMoves.done(to)));
    }

    /** Moves the whole case to {@code to}. */
    public void moveCase(ReviewState to) {
        if (shown == null) {
            error("Open a series that is a case of a dataset first.");
            return;
        }
        CaseReview current = shown;
        move(to, (c, who, text) -> ReviewMoves.moveCase(c, current.dataset().id(), current.seriesUid(), to, who, text),
                () -> "The case is " + ReviewMoves.done(to) + ".");
    }

    /** Compares (and stores) the masks of every pair of annotators not compared yet at their current heads. */
    public void computeAgreement() {
        CaseReview current = shown;
        if (current == null || !current.canCompareMasks()) {
            error("Agreement needs mask annotations by two or more annotators on this case.");
            return;
        }
        computing = true;
        info("Comparing the masks…");
        calls.call(current::computeAgreement, r -> {
            computing = false;
            show(r);
            info("Agreement computed for " + r.comparisons().size() + (r.comparisons().size() == 1 ? " pair" : " pairs")
                    + " of annotators.");
        }, e -> {
            computing = false;
            failed(e);
        });
    }

    /** What the panel shows now. */
    public State state() {
        CaseReview r = shown;
        CaseReview.Item item = selectedItem();
        String caseLine = r == null ? seriesUid == null ? "No series open." : "Series " + seriesUid
                : "Case " + r.seriesUid() + " of " + r.dataset().name();
        List<CaseReview.Step> steps = new ArrayList<>(r == null ? List.of() : r.history());
        Collections.reverse(steps);
        return new State(datasets, dataset, "Working as " + personName + " (annotator and reviewer)", caseLine,
                r == null ? null : r.seriesUid(), r == null ? "" : "Case review: " + word(r.caseState()),
                r == null ? List.of() : r.annotations(), item == null ? null : item.id(), List.copyOf(steps),
                r == null ? List.of() : agreementRows(r), r == null ? "" : agreementNote(r),
                Moves.from(r == null || item == null ? null : item.state()), Moves.from(r == null ? null : r.caseState()),
                r != null && !computing && r.canCompareMasks() && r.comparisons().stream().anyMatch(p -> p.agreement() == null),
                r != null, comment, showOnImages, message);
    }

    /** A history step as the panel lists it: when, who, what, then the move and its comment. */
    public static String describe(CaseReview.Step step) {
        String text = step.event().comment() == null ? "" : ": “" + step.event().comment() + "”";
        return TIME.format(step.event().at()) + "  " + step.person() + ", " + step.subject() + "\n"
                + word(step.event().from()) + " → " + word(step.event().to()) + text;
    }

    /** The Revisions column of an annotation: how many, and when the last was saved. */
    public static String revisions(CaseReview.Item item) {
        return item.revisions() + (item.lastChange() == null ? "" : ", " + TIME.format(item.lastChange()));
    }

    /** A review state as the panel says it: "draft", "submitted", … */
    public static String word(ReviewState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private void load() {
        DatasetRecord d = dataset;
        String uid = seriesUid;
        if (d == null || uid == null) {
            show(null);
            if (uid != null) {
                info("This series is not a case of any dataset yet: add it in the Labels tab, or start labelling it.");
            }
            return;
        }
        calls.call(c -> CaseReview.read(c, d.id(), uid), r -> {
            show(r);
            info("");
        }, this::failed);
    }

    /** A review move in the catalog. */
    private interface Move {
        void run(Catalog c, String who, String comment) throws Exception;
    }

    /** Checks the comment rule, makes the move on the lane, then shows the case read again and {@code done}'s sentence. */
    private void move(ReviewState to, Move move, Supplier<String> done) {
        String text = comment;
        var problem = ReviewMoves.problem(to, text);
        if (problem.isPresent()) {
            error(problem.get());
            listeners.forEach(Listener::commentWanted);
            return;
        }
        CaseReview current = shown;
        String who = personName;
        calls.call(c -> {
            move.run(c, who, text);
            return CaseReview.read(c, current.dataset().id(), current.seriesUid());
        }, r -> {
            comment = "";
            show(r);
            info(done.get());
            onMoved.accept(current.seriesUid());
        }, e -> {
            failed(e);
            if (!(e instanceof CatalogCalls.CatalogNotOpen)) {
                reloadKeepingMessage(current);
            }
        });
    }

    /** After a refused or failed move: reads the case again (someone may have moved it meanwhile), keeping the sentence. */
    private void reloadKeepingMessage(CaseReview current) {
        calls.call(c -> CaseReview.read(c, current.dataset().id(), current.seriesUid()), r -> {
            if (current.seriesUid().equals(seriesUid)) {
                show(r);
            }
        }, this::failed);
    }

    private void show(CaseReview r) {
        if (showOnImages && (r == null || shown == null || !r.seriesUid().equals(shown.seriesUid()))) {
            // Another case: what was shown over the last one goes.
            showOnImages = false;
            onShow.accept(r, null);
        }
        shown = r;
        if (r == null) {
            selected = null;
        } else {
            Long keep = selected;
            selected = r.annotations().stream().filter(i -> keep != null && i.id() == keep).findFirst()
                    .or(() -> r.annotations().stream().findFirst()).map(CaseReview.Item::id).orElse(null);
            if (showOnImages) {
                onShow.accept(r, selectedItem());
            }
        }
        changed();
    }

    private CaseReview.Item selectedItem() {
        return shown == null || selected == null ? null : shown.item(selected).orElse(null);
    }

    private static List<AgreementRow> agreementRows(CaseReview r) {
        List<AgreementRow> rows = new ArrayList<>();
        boolean pairs = r.comparisons().size() > 1;
        for (CaseReview.Comparison c : r.comparisons()) {
            if (c.agreement() == null) {
                continue;
            }
            String of = pairs ? " (" + c.describe() + ")" : "";
            if (c.agreement().classes().isEmpty()) {
                rows.add(new AgreementRow("none" + of, "–", "no labels in either mask", "–", "Both masks are empty."));
            }
            for (ClassAgreement a : c.agreement().classes()) {
                rows.add(new AgreementRow(r.className(a.label()) + of, String.format(Locale.ROOT, "%.2f", a.dice()),
                        String.format(Locale.ROOT, "%s %d of %d, %s %d of %d", c.a().author(), a.matchedA(), a.lesionsA(),
                                c.b().author(), a.matchedB(), a.lesionsB()),
                        String.format(Locale.ROOT, "%.2f", a.lesionF1()),
                        String.format(Locale.ROOT, "%s: %,d voxels, %s: %,d voxels, %,d in both; revisions %d and %d",
                                c.a().author(), a.voxelsA(), c.b().author(), a.voxelsB(), a.overlap(),
                                c.agreement().revisionA(), c.agreement().revisionB())));
            }
        }
        return List.copyOf(rows);
    }

    private static String agreementNote(CaseReview r) {
        if (!r.canCompareMasks()) {
            return "Agreement needs mask annotations by two or more annotators on this case.";
        }
        long missing = r.comparisons().stream().filter(c -> c.agreement() == null).count();
        if (missing > 0) {
            return missing == r.comparisons().size() ? "Masks by " + annotators(r) + ": compute their agreement."
                    : "Some masks changed since the agreement was computed: compute it again.";
        }
        Instant computed = r.comparisons().stream().map(c -> c.agreement().computedAt()).max(Instant::compareTo).orElseThrow();
        return "Agreement of the current masks by " + annotators(r) + ", computed " + TIME.format(computed)
                + ". Dice per class; lesions: how many of each annotator's lesions overlap one of the other's.";
    }

    private static String annotators(CaseReview r) {
        return String.join(", ", r.comparisons().stream().flatMap(c -> Stream.of(c.a().author(), c.b().author())).distinct().toList());
    }

    private void info(String text) {
        message = new Message(text, false);
        changed();
    }

    private void error(String sentence) {
        message = new Message(sentence, true);
        changed();
    }

    /** A failed catalog call: one sentence here and in the report. */
    private void failed(Throwable e) {
        String sentence = e instanceof CatalogCalls.CatalogNotOpen ? e.getMessage() : ReviewMoves.sentence(e);
        error(sentence);
        report.accept(sentence);
    }

    private void changed() {
        listeners.forEach(Listener::changed);
    }
}
