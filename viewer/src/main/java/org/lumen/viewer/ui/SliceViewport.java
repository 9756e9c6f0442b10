// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.nio.IntBuffer;
import java.util.BitSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import org.lumen.task.ui.FxThread;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.overlay.OverlayRenderer;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.viewport.Crosshair;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.PlaneSampler;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SliceListener;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A viewport showing one plane of a volume: an ImageView over a WritableImage backed directly by
 * the int buffer the renderer writes (no copy per frame), placed by the {@link ScreenMapping}'s
 * affine, with a graphics layer (reference lines, crosshair, measurements, scale bar) and corner
 * texts above it. Input lives in {@link ViewportInput}; behaviour in {@link ViewportState}.
 */
public final class SliceViewport extends Region {

    private final ViewportState state;
    private final ViewportContext context;
    private final SliceRenderer renderer = new SliceRenderer();
    private final MeasurementTool measuring = new MeasurementTool(this);
    private final ImageView view = new ImageView();
    private final ImageView overlayView = new ImageView();
    private final Affine affine = new Affine();
    private final OverlayRenderer overlayRenderer = new OverlayRenderer();
    private int[] overlayPixels;
    private PixelBuffer<IntBuffer> overlayBuffer;
    private final ViewportGraphics graphics;
    private final ViewportOverlay overlay;
    private final AtomicBoolean repaintQueued = new AtomicBoolean();
    private final Set<Integer> requested = ConcurrentHashMap.newKeySet();
    private final SliceListener sliceListener;
    private PlaneSampler sampler;
    private int[] pixels;
    private PixelBuffer<IntBuffer> buffer;
    private ScreenMapping mapping;
    private VoxelSlice shown;
    private PixelCache.Pin pinned;
    private int pinnedSlice = -1;
    private Crosshair crosshair;
    private final ViewportInput input;

    public SliceViewport(ViewportState state, ViewportContext context) {
        this.state = state;
        this.context = context;
        this.graphics = new ViewportGraphics(this);
        this.overlay = new ViewportOverlay(state);
        view.setSmooth(true);
        view.setManaged(false);
        view.getTransforms().add(affine);
        overlayView.setSmooth(false);
        overlayView.setManaged(false);
        overlayView.setMouseTransparent(true);
        overlayView.getTransforms().add(affine);
        getChildren().addAll(view, overlayView, graphics, overlay);
        getStyleClass().add("viewport");
        setFocusTraversable(true);
        setMinSize(64, 64);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        usePlane(state.plane());

        state.addListener((s, change) -> {
            if (change == ViewportState.Change.PLANE) {
                usePlane(s.plane());
            }
            if (change == ViewportState.Change.TRANSFORM || change == ViewportState.Change.PLANE) {
                requestLayout();
            }
            requestRepaint();
        });
        sliceListener = new SliceListener() {
            @Override
            public void sliceLoaded(Volume volume, int slice) {
                if (concerns(slice)) {
                    requestRepaint();
                }
            }
        };
        state.volume().addListener(sliceListener);
        context.rememberUnits(state.volume());
        input = new ViewportInput(this, measuring);
        requestRepaint();
    }

    public ViewportState state() { return state; }

    ViewportContext context() { return context; }

    /** The screen mapping of the last layout; null before the first layout. */
    public ScreenMapping mapping() { return mapping; }

    /** The image on screen (a reused buffer for reformats): read it on the FX thread only. */
    VoxelSlice shownImage() { return shown; }

    public Crosshair crosshair() { return crosshair; }

    MeasurementTool measuring() { return measuring; }

    /** True while a measurement is half drawn (an angle waiting for its second arm): the next click belongs to it. */
    public boolean measurementInProgress() {
        return measuring.draft().isPresent();
    }

    /** Links this view into an MPR group (or unlinks with null). */
    public void setCrosshair(Crosshair c) {
        crosshair = c;
        graphics.redraw();
    }

    /** Stops listening to the volume; the viewport is being replaced. */
    public void dispose() {
        state.volume().removeListener(sliceListener);
        if (pinned != null) {
            pinned.close();
            pinned = null;
        }
    }

    /** Screen position → plane pixel coordinates (centres at integers). */
    public double[] toPixel(double sx, double sy) {
        return mapping == null ? new double[] {Double.NaN, Double.NaN} : mapping.screenToPixel(sx, sy);
    }

    void redrawGraphics() {
        graphics.redraw();
    }

    void showReading(String text) {
        overlay.showReading(text);
    }

    /**
     * A line shown in the lower right corner in place of slice thickness and spacing, such as "arriving
     * 37 of 300" while a series arrives (its spacing is judged on the whole series); null or empty removes it.
     */
    public void showNote(String text) {
        overlay.showNote(text);
        requestRepaint();
    }

    /** The note shown (empty when none): what a test or a screenshot reads. */
    public String note() {
        return overlay.note();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        graphics.resize(w, h);
        overlay.resizeRelocate(0, 0, w, h);
        mapping = ScreenMapping.of(state.plane(), state.transform(), w, h);
        affine.setToTransform(mapping.a(), mapping.b(), mapping.tx(), mapping.c(), mapping.d(), mapping.ty());
        overlay.setZoom(mapping.screenPixelsPerImagePixel(state.plane()));
        overlay.update(shown);
        graphics.redraw();
    }

    private void usePlane(ViewPlane plane) {
        sampler = new PlaneSampler(state.volume(), plane);
        if (pixels == null || buffer.getWidth() != plane.width() || buffer.getHeight() != plane.height()) {
            pixels = new int[plane.width() * plane.height()];
            buffer = new PixelBuffer<>(plane.width(), plane.height(), IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            view.setImage(new WritableImage(buffer));
            overlayPixels = new int[plane.width() * plane.height()];
            overlayBuffer = new PixelBuffer<>(plane.width(), plane.height(), IntBuffer.wrap(overlayPixels), PixelFormat.getIntArgbPreInstance());
            overlayView.setImage(new WritableImage(overlayBuffer));
        }
        shown = null;
    }

    private boolean concerns(int slice) {
        if (state.plane().axis() != PlaneAxis.SLICES) {
            return true;
        }
        int from = state.index() - (state.slab() - 1) / 2;
        return slice >= from && slice < from + state.slab();
    }

    /** Coalesces repaint requests from any thread into one repaint per FX pulse. */
    void requestRepaint() {
        if (repaintQueued.compareAndSet(false, true)) {
            FxThread.later(() -> {
                repaintQueued.set(false);
                repaint();
            });
        }
    }

    private void repaint() {
        VoxelSlice image = sampler.sample(state.index(), state.slab());
        if (state.plane().axis() == PlaneAxis.SLICES) {
            pin(state.index());
        }
        if (image != null) {
            renderer.renderArgb(image, state.display(), pixels);
            buffer.updateBuffer(b -> null);
            view.setVisible(true);
        } else {
            view.setVisible(false);
        }
        shown = image;
        paintOverlays();
        overlay.update(image);
        input.refreshReading();
        fetchMissing(sampler.missingSlices());
        graphics.redraw();
    }

    /** Heatmaps and labels of this series on the plane shown (the centre plane of a slab). */
    private void paintOverlays() {
        var layers = context.overlays().of(state.volume().plan().seriesUid());
        boolean drawn = !layers.isEmpty() && overlayRenderer.render(layers, state.plane(), state.index(), overlayPixels);
        if (drawn) {
            overlayBuffer.updateBuffer(b -> null);
        }
        overlayView.setVisible(drawn);
    }

    private void pin(int k) {
        if (pinned != null && pinnedSlice == k) {
            return;
        }
        if (pinned != null) {
            pinned.close();
        }
        pinned = state.volume().pin(k);
        pinnedSlice = k;
    }

    /**
     * Decodes slices this view needs that are not in memory: the one on screen if the loader has not
     * reached it yet, and any the cache evicted. Slices the loader has not reached are otherwise left
     * to it, so a reformat during loading does not decode everything twice.
     */
    private void fetchMissing(BitSet missing) {
        Volume volume = state.volume();
        boolean reformat = state.plane().axis() != PlaneAxis.SLICES || state.slab() > 1;
        if (reformat && !missing.isEmpty() && !volume.fitsInPixelBudget()) {
            // Refetching would evict what the next plane needs: show what is in memory and say why.
            overlay.showProblem(String.format(Locale.ROOT, "series of %d MB exceeds the %d MB pixel budget: %d slices not shown",
                    volume.pixelBytes() >> 20, volume.pixelBudgetBytes() >> 20, missing.cardinality()));
            missing = onlyOnScreen(missing);
        }
        for (int k = missing.nextSetBit(0); k >= 0; k = missing.nextSetBit(k + 1)) {
            boolean onScreen = state.plane().axis() == PlaneAxis.SLICES && k == state.index();
            if ((onScreen || volume.isLoaded(k)) && !volume.failures().containsKey(k) && requested.add(k)) {
                int slice = k;
                try {
                    context.decodePool().execute(() -> decode(volume, slice));
                } catch (RejectedExecutionException busy) {
                    requested.remove(slice); // the pool is full: the next repaint asks again
                }
            }
        }
    }

    private BitSet onlyOnScreen(BitSet missing) {
        BitSet only = new BitSet();
        if (state.plane().axis() == PlaneAxis.SLICES && missing.get(state.index())) {
            only.set(state.index());
        }
        return only;
    }

    private void decode(Volume volume, int k) {
        try {
            volume.slice(k);
        } catch (UnusableFileException e) {
            FxThread.later(() -> overlay.showProblem(String.format(Locale.ROOT, "slice %d: %s", k + 1, e.getMessage())));
        } finally {
            requested.remove(k);
        }
    }
}
