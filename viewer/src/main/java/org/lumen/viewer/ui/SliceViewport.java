// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.nio.IntBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SliceListener;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A viewport showing one slice of a volume: an ImageView over a WritableImage backed directly by
 * the int buffer the renderer writes (no copy per frame), scaled to the physical aspect of the
 * pixels, with corner overlays. Wheel, arrows and page keys scroll; right-drag sets window/level;
 * keys 1–9 pick presets, I inverts, H hides the overlays.
 */
public final class SliceViewport extends StackPane {

    private final ViewportState state;
    private final ExecutorService decodePool;
    private final SliceRenderer renderer = new SliceRenderer();
    private final int[] pixels;
    private final PixelBuffer<IntBuffer> buffer;
    private final ImageView view;
    private final ViewportOverlay overlay;
    private final AtomicBoolean repaintQueued = new AtomicBoolean();
    private final Set<Integer> requested = ConcurrentHashMap.newKeySet();
    private PixelCache.Pin pinned;
    private double dragX;
    private double dragY;

    public SliceViewport(ViewportState state, ExecutorService decodePool) {
        this.state = state;
        this.decodePool = decodePool;
        VolumeGeometry g = state.volume().geometry();
        pixels = new int[g.columns() * g.rows()];
        buffer = new PixelBuffer<>(g.columns(), g.rows(), IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
        view = new ImageView(new WritableImage(buffer));
        view.setSmooth(true);
        overlay = new ViewportOverlay(state);
        getChildren().addAll(view, overlay);
        StackPane.setAlignment(view, Pos.CENTER);
        getStyleClass().add("viewport");
        setFocusTraversable(true);
        setMinSize(64, 64);

        state.addListener((s, c) -> requestRepaint());
        state.volume().addListener(new SliceListener() {
            @Override
            public void sliceLoaded(Volume volume, int slice) {
                if (slice == state.slice()) {
                    requestRepaint();
                }
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> state.scroll(e.getDeltaY() < 0 ? 1 : -1));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        widthProperty().addListener((o, a, b) -> fit());
        heightProperty().addListener((o, a, b) -> fit());
        requestRepaint();
    }

    public ViewportState state() { return state; }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case UP, LEFT -> state.scroll(-1);
            case DOWN, RIGHT -> state.scroll(1);
            case PAGE_UP -> state.scroll(-10);
            case PAGE_DOWN -> state.scroll(10);
            case HOME -> state.showSlice(0);
            case END -> state.showSlice(state.volume().sliceCount() - 1);
            case I -> state.toggleInvert();
            case H -> state.toggleOverlays();
            default -> {
                if (e.getCode().isDigitKey() && !e.getText().isEmpty() && Character.isDigit(e.getText().charAt(0))) {
                    state.applyPreset(e.getText().charAt(0) - '1');
                } else {
                    return;
                }
            }
        }
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (e.getButton() == MouseButton.SECONDARY) {
            state.adjustWindow(dx, dy);
        } else if (e.getButton() == MouseButton.PRIMARY && Math.abs(dy) >= 4) {
            state.scroll((int) (dy / 4)); // drag down to go forward through the stack
        } else {
            return;
        }
        dragX = e.getX();
        dragY = e.getY();
    }

    /** Scales the image to the viewport keeping the pixels' physical aspect (mm, not pixels). */
    private void fit() {
        VolumeGeometry g = state.volume().geometry();
        double widthMm = g.columns() * g.columnSpacing();
        double heightMm = g.rows() * g.rowSpacing();
        double scale = Math.min(getWidth() / widthMm, getHeight() / heightMm);
        view.setFitWidth(widthMm * scale);
        view.setFitHeight(heightMm * scale);
        overlay.setZoom(scale * g.columnSpacing());
    }

    /** Coalesces repaint requests from any thread into one repaint per FX pulse. */
    private void requestRepaint() {
        if (repaintQueued.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                repaintQueued.set(false);
                repaint();
            });
        }
    }

    private void repaint() {
        int k = state.slice();
        var slice = state.volume().sliceIfPresent(k);
        if (slice.isEmpty()) {
            requestDecode(k);
            overlay.update(null);
            return;
        }
        pin(k);
        VoxelSlice voxels = slice.get();
        renderer.renderArgb(voxels, state.display(), pixels);
        buffer.updateBuffer(b -> null);
        overlay.update(voxels);
    }

    private void pin(int k) {
        if (pinned != null) {
            pinned.close();
        }
        pinned = state.volume().pin(k);
    }

    /** Decodes a slice the loader has not reached (or the cache evicted) off the FX thread. */
    private void requestDecode(int k) {
        if (requested.add(k)) {
            decodePool.execute(() -> {
                try {
                    state.volume().slice(k);
                } catch (UnusableFileException e) {
                    Platform.runLater(() -> overlay.showProblem(String.format(Locale.ROOT, "slice %d: %s", k + 1, e.getMessage())));
                } finally {
                    requested.remove(k);
                }
            });
        }
    }
}
