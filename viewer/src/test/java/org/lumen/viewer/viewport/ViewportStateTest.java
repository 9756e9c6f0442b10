// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** The viewport's behaviour without a screen: scrolling, presets, window drag, invert, overlays. */
class ViewportStateTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void scrollingStopsAtBothEndsAndPresetKeysAndDragChangeTheWindow() throws Exception {
        var index = new Indexer(pool, 2).index(new FolderSource(Samples.file("ct_series/philips_phantom_std_brain_1mm")), TaskContext.none());
        var plan = new StackPlanner().plan(index.allSeries().getFirst());
        try (Volume volume = new SeriesLoader(pool, 2, new PixelCache(1L << 26)).open(plan)) {
            ViewportState state = new ViewportState(volume, DisplaySettings.window(new WindowPreset("w", 40, 80), false), 15);
            AtomicInteger changes = new AtomicInteger();
            state.addListener((s, c) -> changes.incrementAndGet());

            state.scroll(100);
            assertThat(state.slice()).isEqualTo(29);
            state.scroll(-100);
            assertThat(state.slice()).isZero();
            state.scroll(-1);
            assertThat(changes.get()).as("no change, no repaint").isEqualTo(2);

            assertThat(state.presetKeys()).contains("lung", "bone", "brain");
            state.applyPreset(4);
            assertThat(state.display().window().name()).isEqualTo("bone");
            assertThat(state.display().window().center()).isEqualTo(400);

            state.adjustWindow(256, 0, 512, 512);
            assertThat(state.display().window().width()).isGreaterThan(1800);
            state.toggleInvert();
            assertThat(state.display().invert()).isTrue();
            state.toggleOverlays();
            assertThat(state.overlaysVisible()).isFalse();
            assertThat(changes.get()).isEqualTo(6);
        }
    }
}
