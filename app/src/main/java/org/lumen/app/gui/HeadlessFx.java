// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.lumen.task.ui.FxThread;
import org.lumen.viewer.render.PngWriter;

/**
 * JavaFX without a display: starts the toolkit on Monocle's headless glass platform with software
 * rendering (no X server, no GPU), runs code on the FX thread with a timeout, and writes PNG
 * snapshots of scenes. Used by {@code lumen snapshot} and by UI tests.
 *
 * <p>If a JavaFX toolkit is already running (a test framework started it, or the workstation
 * window is open) it is used as it is; the headless settings only apply to a toolkit started here.
 *
 * <p>On the module path Monocle's classes must be patched into {@code javafx.graphics}, since they
 * share its package {@code com.sun.glass.ui.monocle}; {@code ./lumen snapshot} does that
 * ({@code --patch-module javafx.graphics=openjfx-monocle.jar}). On the class path nothing is needed.
 */
public final class HeadlessFx {

    /** How long starting the toolkit, or one call on the FX thread, may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Pulses to let pass before a snapshot, so CSS, layout and deferred control updates settle. */
    private static final int SETTLE_PULSES = 3;

    /**
     * The size of Monocle's virtual screen ({@code headless.geometry}, width x height - bits) when
     * nobody set one: windows larger than the screen overflow its frame buffer, and Monocle's own
     * default, 1280x800, is smaller than the workstation window.
     */
    public static final String DEFAULT_SCREEN = "3840x2160-32";

    private static final Object START_LOCK = new Object();
    private static volatile boolean running;

    private HeadlessFx() { }

    /**
     * Starts JavaFX headless unless a toolkit is already running. Idempotent and thread-safe. The
     * toolkit stays up when the last window closes (implicit exit is turned off); it ends with the JVM.
     *
     * @throws IllegalStateException when the toolkit cannot start (for example Monocle is missing)
     */
    public static void start() {
        if (running) {
            return;
        }
        synchronized (START_LOCK) {
            if (running) {
                return;
            }
            if (startThroughTestFx()) {
                Platform.setImplicitExit(false);
                running = true;
                return;
            }
            String previousPlatform = System.getProperty("glass.platform");
            String previousMonocle = System.getProperty("monocle.platform");
            String previousPrism = System.getProperty("prism.order");
            // JavaFX reads these when the toolkit starts; a toolkit that is already up ignores them.
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            String previousScreen = System.getProperty("headless.geometry");
            if (previousScreen == null) {
                System.setProperty("headless.geometry", DEFAULT_SCREEN);
            }
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
            CountDownLatch started = new CountDownLatch(1);
            try {
                Platform.startup(started::countDown);
            } catch (IllegalStateException alreadyRunning) {
                // Someone else started JavaFX first (TestFX, the workstation): use theirs as it is.
                restore("glass.platform", previousPlatform);
                restore("monocle.platform", previousMonocle);
                restore("prism.order", previousPrism);
                restore("headless.geometry", previousScreen);
                started.countDown();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("cannot start JavaFX headless: " + describe(e)
                        + " (Monocle must be on the class path, or patched into javafx.graphics on the module path:"
                        + " --patch-module javafx.graphics=openjfx-monocle.jar)", e);
            }
            try {
                if (!started.await(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("JavaFX did not start within " + DEFAULT_TIMEOUT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting JavaFX", e);
            }
            Platform.setImplicitExit(false);
            running = true;
        }
    }

    /**
     * Under TestFX ({@code testfx.headless=true} and TestFX on the class path, i.e. in this project's
     * tests) the toolkit must be started by TestFX: when it launches JavaFX it installs its own
     * Monocle platform instance, and if JavaFX was already started elsewhere that instance is not
     * the one receiving input, so every later robot click and key press is lost. Asking TestFX to
     * start (or return) its primary stage keeps the order of test classes irrelevant. Reflection
     * keeps TestFX a test-only dependency.
     *
     * @return whether TestFX started JavaFX (or had already)
     */
    private static boolean startThroughTestFx() {
        if (!Boolean.parseBoolean(System.getProperty("testfx.headless"))) {
            return false;
        }
        Method registerPrimaryStage;
        try {
            registerPrimaryStage = Class.forName("org.testfx.api.FxToolkit", true, HeadlessFx.class.getClassLoader())
                    .getMethod("registerPrimaryStage");
        } catch (ReflectiveOperationException | LinkageError notThere) {
            return false;
        }
        try {
            registerPrimaryStage.invoke(null);
            return true;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("TestFX could not start JavaFX headless: " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call TestFX's FxToolkit.registerPrimaryStage: " + describe(e), e);
        }
    }

    /** {@link #call(Callable, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static <T> T call(Callable<T> work) throws Exception {
        return call(work, DEFAULT_TIMEOUT);
    }

    /**
     * Starts the toolkit if needed, runs {@code work} on the FX thread and waits for its result.
     * Called on the FX thread, it runs {@code work} directly.
     *
     * @throws TimeoutException when {@code work} has not finished within {@code timeout}
     *         (it is not interrupted: the FX thread cannot be)
     * @throws Exception whatever {@code work} threw, unwrapped
     */
    public static <T> T call(Callable<T> work, Duration timeout) throws Exception {
        Objects.requireNonNull(work, "work");
        start();
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        FxThread.later(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("the JavaFX thread did not finish within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Runs {@code work} on the FX thread and waits for it; see {@link #call(Callable, Duration)}. */
    public static void run(Runnable work, Duration timeout) throws Exception {
        Objects.requireNonNull(work, "work");
        call(() -> {
            work.run();
            return null;
        }, timeout);
    }

    /**
     * Waits until JavaFX has run {@code count} pulses (an animation timer keeps them coming), so
     * that deferred work — CSS, layout, {@code runLater} updates from controls — has happened.
     * Must not be called on the FX thread.
     */
    public static void awaitPulses(int count, Duration timeout) throws InterruptedException, TimeoutException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("awaitPulses blocks: call it off the JavaFX thread");
        }
        start();
        CountDownLatch pulses = new CountDownLatch(Math.max(1, count));
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
                if (pulses.getCount() == 0) {
                    stop();
                }
            }
        };
        FxThread.later(timer::start);
        if (!pulses.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            FxThread.later(timer::stop);
            throw new TimeoutException("JavaFX ran fewer than " + count + " pulses in " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Lays {@code root} out in a new scene of {@code width} x {@code height}, lets a few pulses pass
     * so CSS and layout apply, and writes the scene's pixels to {@code out} as a PNG, atomically.
     * {@code root} must not be in a scene yet. Starts the toolkit if needed; call it off the FX thread.
     */
    public static void snapshotToPng(Parent root, int width, int height, Path out) throws Exception {
        Objects.requireNonNull(root, "root");
        checkSize(width, height);
        Scene scene = call(() -> {
            if (root.getScene() != null) {
                throw new IllegalArgumentException("the root is already in a scene: snapshot that scene instead");
            }
            return new Scene(root, width, height);
        });
        snapshotToPng(scene, width, height, out);
    }

    /**
     * Writes {@code scene}'s pixels, {@code width} x {@code height}, to {@code out} as a PNG, atomically.
     * A scene in a window (a shown stage, e.g. the workstation on Monocle) is sized by resizing its
     * window, which must then fit the screen ({@link #DEFAULT_SCREEN} unless {@code headless.geometry}
     * says otherwise); a scene without a window must already have that size and has no such limit. A few pulses pass first so CSS,
     * layout and deferred control updates apply. Call it off the FX thread.
     */
    public static void snapshotToPng(Scene scene, int width, int height, Path out) throws Exception {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(out, "out");
        checkSize(width, height);
        run(() -> {
            fitScene(scene, width, height);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }, DEFAULT_TIMEOUT);
        awaitPulses(SETTLE_PULSES, DEFAULT_TIMEOUT);
        int[] argb = call(() -> {
            fitScene(scene, width, height);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            WritableImage image = scene.snapshot(null);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            if (w != width || h != height) {
                throw new IllegalStateException("the snapshot is " + w + "x" + h + ", not " + width + "x" + height);
            }
            int[] pixels = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
            return pixels;
        });
        PngWriter.writeArgb(argb, width, height, out); // its exceptions name out and the reason
    }

    /** Makes the scene {@code width} x {@code height}: resizes its window, or checks a window-less scene. */
    private static void fitScene(Scene scene, int width, int height) {
        Window window = scene.getWindow();
        if (window != null) {
            Rectangle2D screen = Screen.getPrimary().getBounds();
            if (width > screen.getWidth() || height > screen.getHeight()) {
                throw new IllegalArgumentException("a " + width + "x" + height + " snapshot of a window does not fit the "
                        + (int) screen.getWidth() + "x" + (int) screen.getHeight() + " screen (headless.geometry)");
            }
            if ((int) Math.round(scene.getWidth()) != width || (int) Math.round(scene.getHeight()) != height) {
                // Keep whatever the window adds around the scene (decorations, none on Monocle).
                double windowWidth = width + (window.getWidth() - scene.getWidth());
                double windowHeight = height + (window.getHeight() - scene.getHeight());
                // Keep the window on the screen: Monocle's frame buffer does not clip windows that stick out.
                if (window.getX() < screen.getMinX() || window.getX() + windowWidth > screen.getMaxX()) {
                    window.setX(screen.getMinX());
                }
                if (window.getY() < screen.getMinY() || window.getY() + windowHeight > screen.getMaxY()) {
                    window.setY(screen.getMinY());
                }
                window.setWidth(windowWidth);
                window.setHeight(windowHeight);
            }
            return;
        }
        if ((int) Math.round(scene.getWidth()) != width || (int) Math.round(scene.getHeight()) != height) {
            throw new IllegalArgumentException("the scene is " + (int) scene.getWidth() + "x" + (int) scene.getHeight()
                    + " and has no window to resize; make it " + width + "x" + height);
        }
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("a snapshot must be at least 1x1 and fit in memory, not " + width + "x" + height);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
