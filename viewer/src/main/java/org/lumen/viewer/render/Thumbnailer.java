// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes series thumbnails: the middle slice of the stack (as {@link StackPlanner} orders it, the
 * slice a viewport opens on), rendered with the display the series opens with, then shrunk with
 * an area-averaging box filter to fit a maximum size while keeping the pixels' physical aspect
 * (from the pixel spacing). Only that one frame is decoded, and its pixels stay out of the shared
 * {@link PixelCache}. Instances are safe to share between threads.
 */
public final class Thumbnailer {

    /** The default maximum width and height of a thumbnail, in pixels. */
    public static final int DEFAULT_SIZE = 96;

    /**
     * Made on the first failure: the workstation makes its Thumbnailer on the FX thread while it builds the window,
     * and a logger made then configured logging there before the first frame (ADR 0023).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Thumbnailer.class);
    }

    private final StackPlanner planner = new StackPlanner();
    /**
     * Opens volumes over a private cache with a budget of one byte: each decoded slice is evicted
     * as soon as it is put, so thumbnails neither use the shared pixel budget nor keep pixels alive.
     */
    private final SeriesLoader loader;
    private final ExecutorService pool;
    private final int parallelism;
    private final int maxWidth;
    private final int maxHeight;

    /** A thumbnailer that works on the calling thread, {@link #DEFAULT_SIZE} pixels at most each way. */
    public Thumbnailer() {
        this(null, 1, DEFAULT_SIZE, DEFAULT_SIZE);
    }

    /** A thumbnailer that works on the calling thread. */
    public Thumbnailer(int maxWidth, int maxHeight) {
        this(null, 1, maxWidth, maxHeight);
    }

    /**
     * A thumbnailer whose batch tasks decode up to {@code parallelism} series at once on
     * {@code decodePool} (usually {@code Pools.decode()}). Run the batch task itself on another
     * pool (the I/O pool), so it never waits for a pool it occupies.
     *
     * @param decodePool null to work on the thread that runs the batch
     */
    public Thumbnailer(ExecutorService decodePool, int parallelism, int maxWidth, int maxHeight) {
        if (maxWidth < 1 || maxHeight < 1) {
            throw new IllegalArgumentException("thumbnail size must be positive, was " + maxWidth + "x" + maxHeight);
        }
        this.pool = decodePool;
        this.parallelism = decodePool == null ? 1 : Math.max(1, parallelism);
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        // The loader's pool is used only by its loadTask, which thumbnails never run.
        this.loader = new SeriesLoader(decodePool, 1, new PixelCache(1));
    }

    /** Receives thumbnails as they are made, on the thread that made them (not the FX thread). */
    @FunctionalInterface
    public interface Listener {

        void ready(Series series, Thumbnail thumbnail);

        /** The series has images but no thumbnail could be made; {@code reason} is a sentence for the user. */
        default void failed(Series series, String reason) { }
    }

    /**
     * The thumbnail of one series, or empty for a series without images (SR, SEG, RT, …).
     *
     * @throws UnusableFileException when the middle frame cannot be decoded
     */
    public Optional<Thumbnail> thumbnail(Series series) throws UnusableFileException {
        if (!series.hasImages()) {
            return Optional.empty();
        }
        StackPlan plan = planner.plan(series);
        if (plan.frames().isEmpty()) {
            return Optional.empty();
        }
        int middle = plan.sliceCount() / 2;
        try (Volume volume = loader.open(plan)) {
            VoxelSlice slice = volume.slice(middle);
            FrameRef frame = volume.frame(middle);
            DisplaySettings display = DisplayDefaults.initial(frame.instance(), slice);
            // A map's slice is in real-world values: its mapping was read (and kept for the cursor readout) as it was decoded.
            double[] spacing = spacing(frame, plan.geometry());
            return Optional.of(render(slice, display, spacing[0], spacing[1], maxWidth, maxHeight));
        }
    }

    /**
     * A task that makes the thumbnails of {@code series} in order and hands each to {@code listener}
     * as soon as it is ready. Progress counts series ("n of m"); cancellation is honoured between
     * series. A series that cannot be read gets no thumbnail and a message, and the batch goes on.
     * The result maps series UID to thumbnail, in the order of {@code series}; a cancelled task
     * ends with {@link TaskCancelledException} (what was published stays published).
     */
    public BackgroundTask<Map<String, Thumbnail>> task(List<Series> series, Listener listener) {
        List<Series> all = List.copyOf(series);
        String name = String.format(Locale.ROOT, "Making thumbnails of %d series", all.size());
        return BackgroundTask.of(name, context -> makeAll(all, listener, context));
    }

    private Map<String, Thumbnail> makeAll(List<Series> all, Listener listener, TaskContext context)
            throws InterruptedException {
        int total = all.size();
        Map<String, Thumbnail> made = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        context.progress(0, total);
        Semaphore slots = new Semaphore(parallelism);
        Phaser running = new Phaser(1);
        for (Series series : all) {
            if (context.isCancelled()) {
                break;
            }
            if (!series.hasImages()) {
                finished(done, total, context);
                continue;
            }
            if (pool == null) {
                makeOne(series, listener, context, made);
                finished(done, total, context);
                continue;
            }
            slots.acquire();
            running.register();
            try {
                pool.execute(() -> {
                    try {
                        if (!context.isCancelled()) {
                            makeOne(series, listener, context, made);
                            finished(done, total, context);
                        }
                    } finally {
                        slots.release();
                        running.arriveAndDeregister();
                    }
                });
            } catch (RuntimeException e) { // a pool that was shut down
                slots.release();
                running.arriveAndDeregister();
                throw e;
            }
        }
        running.arriveAndAwaitAdvance();
        context.checkCancelled();
        Map<String, Thumbnail> ordered = new LinkedHashMap<>();
        all.forEach(s -> {
            Thumbnail t = made.get(s.uid());
            if (t != null) {
                ordered.put(s.uid(), t);
            }
        });
        return ordered;
    }

    private void makeOne(Series series, Listener listener, TaskContext context, Map<String, Thumbnail> made) {
        Optional<Thumbnail> thumbnail;
        try {
            thumbnail = thumbnail(series);
        } catch (UnusableFileException | RuntimeException e) {
            String reason = "No thumbnail for " + describe(series) + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            Log.LOG.warn(reason);
            context.message(reason);
            listener.failed(series, reason);
            return;
        }
        if (thumbnail.isPresent() && !context.isCancelled()) {
            made.put(series.uid(), thumbnail.get());
            listener.ready(series, thumbnail.get());
        }
    }

    private static void finished(AtomicInteger done, int total, TaskContext context) {
        context.progress(done.incrementAndGet(), total);
    }

    private static String describe(Series series) {
        StringBuilder text = new StringBuilder("series");
        if (series.info().number() != null) {
            text.append(" #").append(series.info().number());
        }
        if (series.modality() != null && !series.modality().isBlank()) {
            text.append(' ').append(series.modality());
        }
        String description = series.info().description();
        text.append(' ').append(description != null && !description.isBlank() ? description : series.uid());
        return text.toString();
    }

    /** {column spacing, row spacing} in mm: the frame's own, else the stack's (1 where unknown). */
    private static double[] spacing(FrameRef frame, VolumeGeometry geometry) {
        ImagePlane plane = frame.plane();
        double column = geometry == null ? 1 : geometry.columnSpacing();
        double row = geometry == null ? 1 : geometry.rowSpacing();
        if (plane != null && plane.columnSpacing() != null && plane.columnSpacing() > 0
                && plane.rowSpacing() != null && plane.rowSpacing() > 0) {
            column = plane.columnSpacing();
            row = plane.rowSpacing();
        }
        return new double[] {column, row};
    }

    // ---------------------------------------------------------------- rendering and resampling

    /** Renders {@code slice} with {@code display} and shrinks it to fit {@code maxWidth × maxHeight}. */
    static Thumbnail render(VoxelSlice slice, DisplaySettings display, double columnSpacing, double rowSpacing,
                            int maxWidth, int maxHeight) {
        int columns = slice.columns();
        int rows = slice.rows();
        int[] size = fit(columns, rows, columnSpacing, rowSpacing, maxWidth, maxHeight);
        SliceRenderer renderer = new SliceRenderer();
        if (slice.type() == VoxelType.RGB) {
            int[] argb = new int[columns * rows];
            renderer.renderArgb(slice, display, argb);
            return resample(new ArgbSource(argb), columns, rows, size[0], size[1]);
        }
        byte[] gray = new byte[columns * rows];
        renderer.renderGray(slice, display, gray);
        return resample(new GraySource(gray), columns, rows, size[0], size[1]);
    }

    /** Shrinks ARGB pixels (opaque) to fit, keeping the physical aspect: for tests and other callers. */
    static Thumbnail downsample(int[] argb, int columns, int rows, double columnSpacing, double rowSpacing,
                                int maxWidth, int maxHeight) {
        int[] size = fit(columns, rows, columnSpacing, rowSpacing, maxWidth, maxHeight);
        return resample(new ArgbSource(argb), columns, rows, size[0], size[1]);
    }

    /**
     * The thumbnail's {width, height}: the image's physical aspect (columns × column spacing by
     * rows × row spacing), at the resolution of its finer spacing, scaled down (never up) to fit.
     * Each side is at least one pixel.
     */
    static int[] fit(int columns, int rows, double columnSpacing, double rowSpacing, int maxWidth, int maxHeight) {
        double cs = columnSpacing > 0 && Double.isFinite(columnSpacing) ? columnSpacing : 1;
        double rs = rowSpacing > 0 && Double.isFinite(rowSpacing) ? rowSpacing : 1;
        double unit = Math.min(cs, rs);
        double width = columns * cs / unit;
        double height = rows * rs / unit;
        double scale = Math.min(1, Math.min(maxWidth / width, maxHeight / height));
        int w = Math.clamp(Math.round(width * scale), 1, maxWidth);
        int h = Math.clamp(Math.round(height * scale), 1, maxHeight);
        return new int[] {w, h};
    }

    /** Area-averaging (box filter) resampling, separable: each target pixel is the mean of the source area it covers. */
    private static Thumbnail resample(Source source, int columns, int rows, int width, int height) {
        int channels = source.channels();
        Axis across = new Axis(columns, width);
        Axis down = new Axis(rows, height);
        // Horizontal pass: rows × width sums per channel.
        float[] partial = new float[rows * width * channels];
        for (int y = 0; y < rows; y++) {
            int rowStart = y * columns;
            int out = y * width * channels;
            for (int x = 0; x < width; x++) {
                int from = across.first[x];
                float[] weights = across.weights[x];
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int s = 0; s < weights.length; s++) {
                        sum += weights[s] * source.sample(rowStart + from + s, c);
                    }
                    partial[out + x * channels + c] = sum;
                }
            }
        }
        // Vertical pass.
        int[] argb = new int[width * height];
        float[] value = new float[channels];
        for (int y = 0; y < height; y++) {
            int from = down.first[y];
            float[] weights = down.weights[y];
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int s = 0; s < weights.length; s++) {
                        sum += weights[s] * partial[((from + s) * width + x) * channels + c];
                    }
                    value[c] = sum;
                }
                argb[y * width + x] = channels == 1 ? gray(value[0]) : rgb(value[0], value[1], value[2]);
            }
        }
        return new Thumbnail(width, height, argb);
    }

    private static int gray(float v) {
        int g = clamp(v);
        return 0xFF000000 | g << 16 | g << 8 | g;
    }

    private static int rgb(float r, float g, float b) {
        return 0xFF000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(float v) {
        return Math.clamp(Math.round(v), 0, 255);
    }

    /** For each target index, the first source index it covers and the normalised weights of the sources it covers. */
    private static final class Axis {
        final int[] first;
        final float[][] weights;

        Axis(int sourceLength, int targetLength) {
            first = new int[targetLength];
            weights = new float[targetLength][];
            double step = (double) sourceLength / targetLength;
            for (int t = 0; t < targetLength; t++) {
                double lo = t * step;
                double hi = Math.min(sourceLength, (t + 1) * step);
                int start = Math.min(sourceLength - 1, (int) Math.floor(lo));
                int end = Math.max(start + 1, Math.min(sourceLength, (int) Math.ceil(hi - 1e-9)));
                float[] w = new float[end - start];
                double total = 0;
                for (int s = start; s < end; s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    w[s - start] = (float) Math.max(0, overlap);
                    total += w[s - start];
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] = total > 0 ? (float) (w[k] / total) : 1f / w.length;
                }
                first[t] = start;
                weights[t] = w;
            }
        }
    }

    private sealed interface Source permits GraySource, ArgbSource {
        int channels();

        int sample(int index, int channel);
    }

    private record GraySource(byte[] gray) implements Source {
        @Override public int channels() { return 1; }

        @Override public int sample(int index, int channel) { return gray[index] & 0xFF; }
    }

    private record ArgbSource(int[] argb) implements Source {
        @Override public int channels() { return 3; }

        @Override public int sample(int index, int channel) { return argb[index] >> (16 - 8 * channel) & 0xFF; }
    }
}
