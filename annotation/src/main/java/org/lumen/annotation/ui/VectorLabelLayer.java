// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.ui.PlaneDecoration;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.Volume;

/**
 * Boxes, points and lines on every view of their series, MPR included, in their class's colour:
 * the labelling session's own (hidden with the labels, L, and per class; the selected one with its
 * handles), or another annotator's shown read-only for review.
 */
public final class VectorLabelLayer implements PlaneDecoration {

    /** The colour of a label whose class the schema does not know. */
    static final int NO_CLASS_RGB = 0xE8E8E8;

    private final Volume volume;
    private final Supplier<List<VectorLabel>> labels;
    /** A class's colour, or empty when the class is hidden. */
    private final Function<String, Optional<Integer>> colourOf;
    private final BooleanSupplier visible;
    private final Supplier<UUID> selected;

    private VectorLabelLayer(Volume volume, Supplier<List<VectorLabel>> labels, Function<String, Optional<Integer>> colourOf,
                             BooleanSupplier visible, Supplier<UUID> selected) {
        this.volume = volume;
        this.labels = labels;
        this.colourOf = colourOf;
        this.visible = visible;
        this.selected = selected;
    }

    /** The session's labels as they change, following its label visibility. */
    public static VectorLabelLayer of(AnnotationSession session, Supplier<UUID> selected) {
        return new VectorLabelLayer(session.volume(), () -> session.objects().vectorLabels(), name -> {
            var c = session.classNamed(name);
            if (c.isPresent() && session.layer().labelStyle().hidden().contains(c.get().label())) {
                return Optional.empty();
            }
            return Optional.of(c.map(x -> x.rgb()).orElse(NO_CLASS_RGB));
        }, () -> session.layer().visible(), selected);
    }

    /** Fixed labels (another annotator's, under review) on {@code volume}, coloured by class name. */
    public static VectorLabelLayer readOnly(Volume volume, List<VectorLabel> labels, Map<String, Integer> classColours) {
        List<VectorLabel> fixed = List.copyOf(labels);
        return new VectorLabelLayer(volume, () -> fixed, name -> Optional.of(classColours.getOrDefault(name, NO_CLASS_RGB)),
                () -> true, () -> null);
    }

    @Override
    public void draw(GraphicsContext g, ViewportState view, ScreenMapping mapping) {
        if (view.volume() != volume || !visible.getAsBoolean()) {
            return;
        }
        UUID chosen = selected.get();
        for (VectorLabel label : labels.get()) {
            colourOf.apply(label.labelClass()).ifPresent(rgb -> VectorLabelPainter.draw(g, rgb, label, view, mapping,
                    label.id().equals(chosen) ? VectorLabelPainter.Style.SELECTED : VectorLabelPainter.Style.SAVED));
        }
    }
}
