// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewportState;

/**
 * The class of the image shown in the active view (a stored slice: one instance, or one frame of a
 * multi-frame instance), following the view as it scrolls. Choosing a class labels that image;
 * "(none)" removes its label. Each change is one undoable, autosaved step.
 */
final class ImageClassification extends HBox {

    static final String NONE = "(none)";

    private final ComboBox<String> choice = new ComboBox<>();
    private final Label where = new Label();
    // Only a new slice or plane changes the image; window/level drags and zooms fire on every mouse move.
    private final ViewportState.Listener onScroll = (state, change) -> {
        if (change == ViewportState.Change.SLICE || change == ViewportState.Change.PLANE) {
            refresh();
        }
    };
    private final Runnable onLabels = this::refresh;
    private AnnotationSession session;
    private SliceViewport followed;
    private boolean syncing;

    ImageClassification(ViewportContext viewports) {
        setSpacing(6);
        choice.setPromptText("This image");
        choice.setOnAction(e -> {
            if (!syncing) {
                apply(choice.getValue());
            }
        });
        viewports.activeProperty().addListener((o, old, viewport) -> follow(viewport));
        getChildren().addAll(new Label("Image"), choice, where);
        follow(viewports.activeProperty().get());
    }

    void setSession(AnnotationSession s) {
        if (session != null) {
            session.objects().removeListener(onLabels);
        }
        session = s;
        if (s != null) {
            s.objects().addListener(onLabels);
            syncing = true;
            choice.getItems().setAll(NONE);
            choice.getItems().addAll(s.classificationNames());
            syncing = false;
        }
        refresh();
    }

    /** The image (instance and frame) the active view shows, when it shows a stored slice of the session's series. */
    Optional<ClassificationLabel> target() {
        if (session == null || followed == null) {
            return Optional.empty();
        }
        ViewportState state = followed.state();
        if (state.volume() != session.volume() || state.plane().axis() != PlaneAxis.SLICES) {
            return Optional.empty();
        }
        var frame = state.volume().frame(state.index());
        String sop = frame.instance().sopInstanceUid();
        // A frame of a multi-frame instance is labelled by its number (from 1); a single-frame image as a whole.
        return Optional.of(frame.instance().frames() > 1
                ? ClassificationLabel.ofFrame(session.seriesUid(), sop, frame.frame() + 1, NONE)
                : ClassificationLabel.ofImage(session.seriesUid(), sop, NONE));
    }

    private void follow(SliceViewport viewport) {
        if (followed != null) {
            followed.state().removeListener(onScroll);
        }
        followed = viewport;
        if (viewport != null) {
            viewport.state().addListener(onScroll);
        }
        refresh();
    }

    private Optional<ClassificationLabel> existing(ClassificationLabel target) {
        return session.objects().classifications().stream()
                .filter(c -> target.sopInstanceUid().equals(c.sopInstanceUid()) && c.frame() == target.frame()).findFirst();
    }

    private void apply(String value) {
        Optional<ClassificationLabel> target = target();
        if (target.isEmpty() || value == null) {
            return;
        }
        Optional<ClassificationLabel> old = existing(target.get());
        if (value.equals(NONE)) {
            old.ifPresent(c -> session.objects().remove(c.id()));
        } else if (old.isPresent()) {
            session.objects().replace(old.get().withClass(value));
        } else {
            session.objects().add(target.get().withClass(value));
        }
    }

    private void refresh() {
        Optional<ClassificationLabel> target = target();
        syncing = true;
        choice.setDisable(target.isEmpty());
        if (target.isEmpty()) {
            choice.setValue(null);
            where.setText(session == null ? "" : "on a stored slice of this series");
        } else {
            choice.setValue(existing(target.get()).map(ClassificationLabel::labelClass).orElse(NONE));
            where.setText(target.get().frame() > 0 ? "frame " + target.get().frame() : "slice " + (followed.state().index() + 1));
        }
        syncing = false;
    }
}
