// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.edit.EditHistory;
import org.lumen.annotation.edit.MaskEditor;
import org.lumen.annotation.edit.ObjectLabelSet;
import org.lumen.annotation.edit.ValueRange;
import org.lumen.annotation.edit.VoxelValues;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.overlay.LabelStyle;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.volume.Volume;

/**
 * Annotating one series: its mask and editor, one undo history for masks and object labels, the
 * classes, the active class and tool settings, and the overlay layer every view draws. Thread
 * confined to the UI thread; saving hands an encoded copy to an {@link Autosave}.
 */
public final class AnnotationSession {

    /** Told when the active class or a tool setting changes, so panels and cursors follow. */
    public interface Listener {
        void settingsChanged(AnnotationSession session);
    }

    private final Volume volume;
    private final LabelMask mask;
    private final EditHistory history = new EditHistory();
    private final MaskEditor editor;
    private final ObjectLabelSet objects;
    private final List<AnnotationClass> classes;
    private final OverlayLayer layer;
    private final VoxelValues values;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private int activeLabel;
    private double brushRadiusMm = 3;
    private boolean sphereBrush;
    private ValueRange thresholdRange = new ValueRange(-100, 200);
    private Origin stepOrigin;
    private List<String> classificationNames = List.of();
    private String lockedReason;

    public AnnotationSession(Volume volume, LabelMask mask, List<AnnotationClass> classes) {
        this.volume = Objects.requireNonNull(volume, "volume");
        var g = volume.geometry();
        if (mask.columns() != g.columns() || mask.rows() != g.rows() || mask.slices() != g.slices()) {
            throw new IllegalArgumentException("the mask's grid " + mask.columns() + "x" + mask.rows() + "x" + mask.slices()
                    + " is not the series' " + g.columns() + "x" + g.rows() + "x" + g.slices());
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("an annotation session needs at least one class");
        }
        this.mask = mask;
        this.classes = List.copyOf(classes);
        this.activeLabel = classes.getFirst().label();
        this.editor = new MaskEditor(mask, history);
        this.objects = new ObjectLabelSet(history);
        this.values = VoxelValues.of(volume);
        Map<Integer, Integer> colours = new HashMap<>();
        classes.forEach(c -> colours.put(c.label(), c.rgb()));
        this.layer = OverlayLayer.labels("Labels", mask, LabelStyle.filled(colours));
        editor.addListener(slices -> layer.contentChanged());
    }

    /** A new, empty mask on the series' grid. */
    public static AnnotationSession blank(Volume volume, List<AnnotationClass> classes) {
        var g = volume.geometry();
        return new AnnotationSession(volume, new LabelMask(g.columns(), g.rows(), g.slices()), classes);
    }

    public Volume volume() { return volume; }

    public String seriesUid() { return volume.plan().seriesUid(); }

    /** The series' frame of reference, which vector labels carry; null when the files declare none. */
    public String frameOfReferenceUid() { return volume.frame(0).instance().series().frameOfReferenceUid(); }

    /** The class of this name (vector and classification labels name their class), if the session has it. */
    public Optional<AnnotationClass> classNamed(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public LabelMask mask() { return mask; }

    public MaskEditor editor() { return editor; }

    public EditHistory history() { return history; }

    public ObjectLabelSet objects() { return objects; }

    public OverlayLayer layer() { return layer; }

    /** The series' values (HU for CT) for threshold tools; slices are decoded on demand. */
    public VoxelValues values() { return values; }

    public List<AnnotationClass> classes() { return classes; }

    public int activeLabel() { return activeLabel; }

    public Optional<AnnotationClass> activeClass() {
        return classes.stream().filter(c -> c.label() == activeLabel).findFirst();
    }

    public void setActiveLabel(int label) {
        if (classes.stream().noneMatch(c -> c.label() == label)) {
            throw new IllegalArgumentException("no class has label " + label);
        }
        activeLabel = label;
        changed();
    }

    /** Picks the n-th class (0-based), for the number shortcuts; ignored past the end. */
    public void selectClass(int index) {
        if (index >= 0 && index < classes.size()) {
            setActiveLabel(classes.get(index).label());
        }
    }

    public double brushRadiusMm() { return brushRadiusMm; }

    public void setBrushRadiusMm(double mm) {
        brushRadiusMm = Math.clamp(mm, 0.25, 100);
        changed();
    }

    public boolean sphereBrush() { return sphereBrush; }

    public void setSphereBrush(boolean on) {
        sphereBrush = on;
        changed();
    }

    public ValueRange thresholdRange() { return thresholdRange; }

    public void setThresholdRange(ValueRange range) {
        thresholdRange = Objects.requireNonNull(range, "range");
        changed();
    }

    /** Shows or hides one class in every view. */
    public void setClassVisible(int label, boolean visible) {
        var style = layer.labelStyle();
        var hidden = new java.util.HashSet<>(style.hidden());
        if (visible) {
            hidden.remove(label);
        } else {
            hidden.add(label);
        }
        layer.setLabelStyle(style.withHidden(hidden));
    }

    /** Labelled volume per class, in mm³. */
    public Map<Integer, Double> volumesMm3() {
        Map<Integer, Double> volumes = new HashMap<>();
        for (AnnotationClass c : classes) {
            volumes.put(c.label(), org.lumen.annotation.edit.MaskStatistics.volumeMm3(mask, volume.geometry(), c.label()));
        }
        return volumes;
    }

    public void addListener(Listener listener) { listeners.add(listener); }

    /**
     * Says where the next finished step comes from (e.g. {@code new Origin.FromAiFinding(run, finding)});
     * the autosave takes it with that step, so the revision records its origin. Call right before the edit.
     */
    public void setNextStepOrigin(Origin origin) {
        stepOrigin = origin;
    }

    /** The origin of the step just finished ({@link Origin#MANUAL} unless one was set), cleared as it is taken. */
    public Origin takeStepOrigin() {
        Origin o = stepOrigin;
        stepOrigin = null;
        return o == null ? Origin.MANUAL : o;
    }

    /**
     * Why these labels cannot be edited now (submitted for review, approved), or null when they can.
     * The tools honour it; the catalog would refuse the saves anyway.
     */
    public String lockedReason() { return lockedReason; }

    public void setLockedReason(String reason) {
        lockedReason = reason;
    }

    /** The classes a whole series or one image can be given (the dataset's classification classes). */
    public List<String> classificationNames() { return classificationNames; }

    public void setClassificationNames(List<String> names) {
        classificationNames = List.copyOf(names);
    }

    /** The names of the classes, in order (for the panel). */
    public List<String> classNames() {
        List<String> names = new ArrayList<>();
        classes.forEach(c -> names.add(c.name()));
        return names;
    }

    private void changed() {
        listeners.forEach(l -> l.settingsChanged(this));
    }
}
