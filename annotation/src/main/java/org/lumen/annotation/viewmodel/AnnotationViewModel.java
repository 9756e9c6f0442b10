// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.edit.SliceInterpolator;
import org.lumen.annotation.edit.ValueRange;
import org.lumen.annotation.session.AnnotationClass;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.session.Autosave;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.Volume;

/**
 * The Labels panel's logic, on the labelling session shown (or none): the title and whether the
 * labels may be edited, the classes (the active one, which are visible), the tool chosen, brush size
 * and HU range, label opacity and outline, undo/redo and their text, interpolation, the series'
 * classification, the labelled volume per class, the save state, and the message line. Listeners hear
 * which part changed, on the thread the change was made on (the FX thread in the window).
 */
public final class AnnotationViewModel {

    /** The left-button tools of the panel; the view turns each into the viewer's tool. */
    public enum Tool { BRUSH, ERASER, THRESHOLD_BRUSH, CONTOUR, FILL, BOX, POINT, LINE }

    /** Hears of changes; the view reads what it shows for that part again. */
    public interface Listener {
        /** Another session (or none): read everything again. */
        default void sessionChanged() { }

        /** The active class, brush size, sphere brush or HU range changed (a key, a tool, the view). */
        default void settingsChanged() { }

        /** A step was done, undone or redone: undo/redo and the volumes. */
        default void historyChanged() { }

        default void saveStateChanged() { }

        default void messageChanged() { }

        default void toolChanged() { }
    }

    /** The save state line: "Saved (revision N)" or why the last save failed. */
    public record SaveState(String text, boolean failed) {
        static final SaveState NONE = new SaveState("", false);
    }

    private static final double BRUSH_STEP = 1.25;

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private AnnotationSession session;
    private Tool tool;
    private String message = "";
    private SaveState saveState = SaveState.NONE;
    /** Counts sessions: listeners left on an older session's history or autosave say nothing. */
    private long generation;

    public void addListener(Listener listener) { listeners.add(listener); }

    /** Shows a session (or none) and follows its settings, history and autosave. */
    public void setSession(AnnotationSession s, Autosave autosave) {
        long mine = ++generation;
        session = s;
        tool = null;
        saveState = SaveState.NONE;
        message = s == null || s.lockedReason() == null ? "" : s.lockedReason();
        if (s != null) {
            s.addListener(changed -> {
                if (mine == generation) {
                    listeners.forEach(Listener::settingsChanged);
                }
            });
            s.history().addListener((action, edit) -> {
                if (mine == generation) {
                    listeners.forEach(Listener::historyChanged);
                }
            });
            if (autosave != null) {
                autosave.addListener(new Autosave.Listener() {
                    @Override
                    public void saved(long revisionId, long saves) {
                        setSaveState(mine, new SaveState("Saved (revision " + revisionId + ")", false));
                    }

                    @Override
                    public void failed(String sentence, long saves) {
                        setSaveState(mine, new SaveState(sentence, true));
                    }
                });
            }
        }
        listeners.forEach(Listener::sessionChanged);
    }

    public AnnotationSession session() { return session; }

    /** Whether a session is shown (every control but the title is off without one). */
    public boolean active() { return session != null; }

    /** Whether the labels may be changed: a session is shown and it is not locked (submitted, approved). */
    public boolean editable() { return session != null && session.lockedReason() == null; }

    public String title() {
        return session == null ? "No series is being annotated. Annotate ▸ Start labelling (Ctrl+Shift+A)."
                : "Labelling " + session.seriesUid();
    }

    public String message() { return message; }

    public SaveState saveState() { return saveState; }

    /** Shows a sentence from a tool (e.g. why a fill did nothing). */
    public void showMessage(String text) {
        message = text;
        listeners.forEach(Listener::messageChanged);
    }

    // Classes

    public List<AnnotationClass> classes() { return session == null ? List.of() : session.classes(); }

    public Optional<AnnotationClass> activeClass() { return session == null ? Optional.empty() : session.activeClass(); }

    /** Makes class {@code c} the one the tools draw. */
    public void selectClass(AnnotationClass c) {
        if (c != null && session != null && session.activeLabel() != c.label()) {
            session.setActiveLabel(c.label());
        }
    }

    /** The n-th class (0-based, Alt+1..9); ignored past the end. */
    public void selectClassAt(int index) {
        if (session != null) {
            session.selectClass(index);
        }
    }

    /** What a class's row says: its name and the key that picks it ("Nodule   Alt+1"). */
    public String classText(AnnotationClass c) {
        int index = session == null ? 0 : session.classes().indexOf(c);
        return c.name() + "   Alt+" + (index + 1);
    }

    public boolean classVisible(int label) {
        return session == null || !session.layer().labelStyle().hidden().contains(label);
    }

    public void setClassVisible(int label, boolean visible) {
        if (session != null) {
            session.setClassVisible(label, visible);
        }
    }

    // Tools and their settings

    /** The tool chosen in the panel, or null (the viewer's own tool has the left button). */
    public Tool tool() { return tool; }

    /** Chooses a tool (null: none); ignored while the labels may not be edited. */
    public void chooseTool(Tool t) {
        if (t != null && !editable() || t == tool) {
            return;
        }
        tool = t;
        listeners.forEach(Listener::toolChanged);
    }

    public double brushRadiusMm() { return session == null ? 3 : session.brushRadiusMm(); }

    public void setBrushRadiusMm(double mm) {
        if (session != null) {
            session.setBrushRadiusMm(mm);
        }
    }

    /** The brush a step smaller (the , key). */
    public void smallerBrush() {
        setBrushRadiusMm(brushRadiusMm() / BRUSH_STEP);
    }

    /** The brush a step bigger (the . key). */
    public void biggerBrush() {
        setBrushRadiusMm(brushRadiusMm() * BRUSH_STEP);
    }

    public boolean sphereBrush() { return session != null && session.sphereBrush(); }

    public void setSphereBrush(boolean on) {
        if (session != null) {
            session.setSphereBrush(on);
        }
    }

    /** The HU range's low end as the field shows it ("-100"). */
    public String rangeLow() { return session == null ? "" : format(session.thresholdRange().low()); }

    public String rangeHigh() { return session == null ? "" : format(session.thresholdRange().high()); }

    /** Takes the HU range from the two fields (either order), or says they need two numbers. */
    public void applyRange(String low, String high) {
        if (session == null) {
            return;
        }
        try {
            double a = Double.parseDouble(low.strip());
            double b = Double.parseDouble(high.strip());
            session.setThresholdRange(new ValueRange(Math.min(a, b), Math.max(a, b)));
            showMessage("");
        } catch (RuntimeException ex) {
            showMessage("The HU range needs two numbers, e.g. -100 and 200.");
        }
    }

    // Display

    public double opacity() { return session == null ? 0.45 : session.layer().labelStyle().opacity(); }

    public void setOpacity(double opacity) {
        if (session != null) {
            session.layer().setLabelStyle(session.layer().labelStyle().withOpacity(opacity));
        }
    }

    public boolean outline() { return session != null && session.layer().labelStyle().outline(); }

    public void setOutline(boolean on) {
        if (session != null) {
            session.layer().setLabelStyle(session.layer().labelStyle().withOutline(on));
        }
    }

    // History

    public boolean canUndo() { return session != null && session.history().canUndo(); }

    public boolean canRedo() { return session != null && session.history().canRedo(); }

    /** "Undo brush stroke", or "Undo" when there is nothing to undo. */
    public String undoText() {
        return session == null ? "Undo" : session.history().nextUndo().map(e -> "Undo " + e.name()).orElse("Undo");
    }

    public void undo() {
        if (session != null) {
            session.editor().undo();
        }
    }

    public void redo() {
        if (session != null) {
            session.editor().redo();
        }
    }

    /** The labelled volume per class, a line each ("Nodule: 1,234 mm³"), in the classes' order of volumes. */
    public String volumes() {
        if (session == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, Double> v : session.volumesMm3().entrySet()) {
            session.classes().stream().filter(c -> c.label() == v.getKey()).findFirst().ifPresent(c ->
                    text.append(String.format(Locale.ROOT, "%s: %,.0f mm³%n", c.name(), v.getValue())));
        }
        return text.toString().strip();
    }

    /**
     * Fills the slices between labelled ones, for the active class, along the planes of the view
     * shown ({@code shownVolume}, {@code shownPlane}: the active viewport's) when it shows this session's
     * series, else along the stored slices; says what it did in the message line.
     */
    public void interpolate(Volume shownVolume, ViewPlane shownPlane) {
        if (!editable()) {
            return;
        }
        ViewPlane plane = shownPlane != null && shownVolume == session.volume() ? shownPlane : ViewPlane.stored(session.volume().geometry());
        long changed = new SliceInterpolator(plane).interpolateGaps(session.editor(), PaintRule.paintOnEmpty(session.activeLabel()));
        showMessage(changed == 0 ? "Nothing to interpolate: label at least two separate " + plane.anatomicalName().toLowerCase(Locale.ROOT)
                + " planes of the active class first." : String.format(Locale.ROOT, "Interpolated %,d voxels.", changed));
    }

    // Classification

    /** The classes the whole series can be given. */
    public List<String> classificationNames() { return session == null ? List.of() : session.classificationNames(); }

    /** The series' classification, or null. */
    public String seriesClassification() {
        return seriesClass().map(ClassificationLabel::labelClass).orElse(null);
    }

    /** Gives the whole series class {@code value} (replacing the one it had). */
    public void classify(String value) {
        if (session == null || value == null || !editable()) {
            return;
        }
        Optional<ClassificationLabel> old = seriesClass();
        if (old.isPresent()) {
            session.objects().replace(old.get().withClass(value));
        } else {
            session.objects().add(ClassificationLabel.ofSeries(session.seriesUid(), value));
        }
    }

    private Optional<ClassificationLabel> seriesClass() {
        return session == null ? Optional.empty()
                : session.objects().classifications().stream().filter(ClassificationLabel::isSeriesLevel).findFirst();
    }

    private void setSaveState(long mine, SaveState state) {
        if (mine == generation) {
            saveState = state;
            listeners.forEach(Listener::saveStateChanged);
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
