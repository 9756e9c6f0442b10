// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetMember;
import org.lumen.annotation.catalog.DatasetProgress;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelSchema;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MemberStatus;

/**
 * The dataset panel's logic: the datasets of the catalog and the one chosen, a new dataset from a
 * name and its label schema, the chosen one's classes and progress (cases to do, in progress, done,
 * submitted, approved), adding the open series, marking it done, and the next unlabelled case.
 * Catalog calls run on the catalog's lane; their outcome comes back on the view's thread, where
 * listeners hear of every change and read {@link #state()} again. Sentences for the user go to the
 * report given at construction.
 */
public final class DatasetViewModel {

    /**
     * Everything the panel shows.
     *
     * @param chosen   the dataset chosen among {@code datasets}, or null
     * @param classes  "Classes: Nodule, Mass; classified as normal", or empty with no dataset chosen
     * @param progress "3 cases: 1 to do, …", or empty until read
     */
    public record State(List<DatasetRecord> datasets, DatasetRecord chosen, String classes, String progress) { }

    /** What the prompts of the new-dataset fields show: the default schema, taken when a field is left empty. */
    public static final String DRAWN_PROMPT = "Classes to draw: " + String.join(", ", LabelSchema.DEFAULT.drawn());
    public static final String CLASSIFICATIONS_PROMPT = "Image/series classes: " + String.join(", ", LabelSchema.DEFAULT.classifications());

    private final CatalogCalls calls;
    private final Consumer<String> report;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Supplier<String> openSeries = () -> null;
    private Consumer<String> openCase = uid -> { };
    private Consumer<DatasetRecord> onChosen = d -> { };
    private Consumer<DatasetRecord> onExport = d -> { };
    private List<DatasetRecord> datasets = List.of();
    private DatasetRecord chosen;
    private String classes = "";
    private String progress = "";

    /**
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param replies the view's thread (the FX thread in the window)
     * @param report  where sentences for the user go (on the view's thread)
     */
    public DatasetViewModel(Supplier<Catalog> catalog, Executor lane, Executor replies, Consumer<String> report) {
        this.calls = new CatalogCalls("Dataset panel", catalog, lane, replies);
        this.report = report;
    }

    /** Called on every change of {@link #state()}. */
    public void addListener(Runnable listener) { listeners.add(listener); }

    /** Where "the open series" comes from (the active viewport's series UID, or null). */
    public void setOpenSeries(Supplier<String> seriesUid) { openSeries = seriesUid; }

    /** Opens a case by series UID (the app finds its files through the catalog). */
    public void setOnOpenCase(Consumer<String> handler) { openCase = handler; }

    /** Export… of the chosen dataset (the app asks where and in which format, and runs the export as a task). */
    public void setOnExport(Consumer<DatasetRecord> handler) { onExport = handler; }

    /** Told when the annotator picks a dataset (its classes become the labelling classes). */
    public void setOnChosen(Consumer<DatasetRecord> handler) { onChosen = handler; }

    public DatasetRecord chosen() { return chosen; }

    public State state() {
        return new State(datasets, chosen, classes, progress);
    }

    /** Reads the datasets from the catalog (after it opens, or after a change elsewhere), keeping the chosen one. */
    public void reload() {
        calls.call(c -> c.datasets().all(), list -> {
            DatasetRecord keep = chosen;
            datasets = List.copyOf(list);
            choose(list.stream().filter(d -> keep != null && d.id() == keep.id()).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
            changed();
        }, this::failed);
    }

    /** The annotator chose dataset {@code d} (null: none): its classes and progress are read. */
    public void choose(DatasetRecord d) {
        if (Objects.equals(d, chosen)) {
            return;
        }
        chosen = d;
        refresh();
        if (d != null) {
            onChosen.accept(d);
        }
    }

    /**
     * Creates a dataset named {@code name} with the classes given (an empty field takes the default
     * schema's list, as its prompt shows), defines its classes and chooses it; then runs
     * {@code whenCreated} (the view clears its fields).
     */
    public void create(String name, String drawn, String classifications, Runnable whenCreated) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            report.accept("A dataset needs a name.");
            return;
        }
        LabelSchema schema;
        try {
            schema = LabelSchema.parse(blank(drawn) ? String.join(",", LabelSchema.DEFAULT.drawn()) : drawn,
                    blank(classifications) ? String.join(",", LabelSchema.DEFAULT.classifications()) : classifications);
        } catch (IllegalArgumentException e) {
            report.accept("The label schema cannot be used: " + e.getMessage() + ".");
            return;
        }
        calls.call(c -> {
            DatasetRecord d = c.datasets().create(clean, "Created in the workstation", schema.describe());
            schema.defineIn(c.labelClasses(), d.id());
            return d;
        }, d -> {
            List<DatasetRecord> more = new ArrayList<>(datasets);
            more.add(d);
            datasets = List.copyOf(more);
            choose(d);
            changed();
            whenCreated.run();
        }, this::failed);
    }

    /** Adds the open series to the chosen dataset as a case. */
    public void addOpenSeries() {
        withSeries((d, uid) -> calls.call(c -> c.datasets().addMembers(d.id(), List.of(uid)), n -> refresh(), this::failed));
    }

    /** Marks the open series' case of the chosen dataset done. */
    public void markDone() {
        withSeries((d, uid) -> calls.call(c -> c.datasets().setStatus(d.id(), uid, MemberStatus.DONE), m -> refresh(), this::failed));
    }

    /** Opens the chosen dataset's next case to label, or says every case is labelled. */
    public void nextCase() {
        DatasetRecord d = chosen;
        if (d == null) {
            return;
        }
        calls.call(c -> c.datasets().nextCase(d.id()).map(DatasetMember::seriesUid).orElse(""), uid -> {
            if (uid.isEmpty()) {
                report.accept("Every case of " + d.name() + " is labelled.");
            } else {
                openCase.accept(uid);
            }
        }, this::failed);
    }

    /** Export… of the chosen dataset, or a sentence saying to choose one first. */
    public void export() {
        if (chosen == null) {
            report.accept("Choose a dataset first: Export… writes its labelled cases for a trainer, de-identified.");
        } else {
            onExport.accept(chosen);
        }
    }

    /** "Nodule, Mass; classified as normal, uncertain". */
    static String describe(List<LabelClass> defined) {
        List<String> drawn = defined.stream().filter(l -> l.type() != LabelType.CLASSIFICATION).map(LabelClass::name).toList();
        List<String> classified = defined.stream().filter(l -> l.type() == LabelType.CLASSIFICATION).map(LabelClass::name).toList();
        return String.join(", ", drawn) + (classified.isEmpty() ? "" : "; classified as " + String.join(", ", classified));
    }

    /** "3 cases: 1 to do, 1 in progress, 1 done, 0 skipped; 0 submitted, 0 approved". */
    static String describe(DatasetProgress p) {
        return String.format(Locale.ROOT, "%d %s: %d to do, %d in progress, %d done, %d skipped; %d submitted, %d approved",
                p.cases(), p.cases() == 1 ? "case" : "cases", p.todo(), p.inProgress(), p.done(), p.skipped(), p.submitted(), p.approved());
    }

    /** The chosen dataset's classes and progress, read again. */
    private void refresh() {
        DatasetRecord d = chosen;
        if (d == null) {
            classes = "";
            progress = "";
            changed();
            return;
        }
        record Read(List<LabelClass> classes, DatasetProgress progress) { }
        calls.call(c -> new Read(c.labelClasses().of(d.id()), c.datasets().progress(d.id())), read -> {
            if (!d.equals(chosen)) {
                return;
            }
            classes = read.classes().isEmpty() ? "Classes: the defaults (" + LabelSchema.DEFAULT.describe() + ")"
                    : "Classes: " + describe(read.classes());
            progress = describe(read.progress());
            changed();
        }, this::failed);
        changed();
    }

    private void withSeries(java.util.function.BiConsumer<DatasetRecord, String> action) {
        String uid = openSeries.get();
        if (chosen == null || uid == null) {
            report.accept(chosen == null ? "Choose or create a dataset first." : "Open a series first.");
            return;
        }
        action.accept(chosen, uid);
    }

    private void failed(Throwable e) {
        report.accept(e.getMessage());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
