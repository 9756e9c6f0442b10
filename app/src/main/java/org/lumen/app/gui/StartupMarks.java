// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.HashSet;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.lumen.app.startup.StartupProbe;

/**
 * Tells the {@link StartupProbe} when something first reached the screen: a pulse lays the scene out
 * and hands it to the renderer; the next pulse starts only after that frame was rendered, so the mark
 * is made on the second pulse after the change. Does nothing when the probe is off. FX thread only.
 */
final class StartupMarks {

    private static final Set<String> MARKED = new HashSet<>();

    private StartupMarks() { }

    /** Marks {@code event} once, when what was just put in {@code scene} has been drawn. */
    static void whenDrawn(Scene scene, String event) {
        if (!StartupProbe.enabled() || !MARKED.add(event)) {
            return;
        }
        afterPulses(scene, 2, () -> StartupProbe.mark(event));
    }

    private static void afterPulses(Scene scene, int pulses, Runnable then) {
        Runnable listener = new Runnable() {
            private int left = pulses;

            @Override
            public void run() {
                if (--left == 0) {
                    scene.removePostLayoutPulseListener(this);
                    then.run();
                } else {
                    Platform.requestNextPulse();
                }
            }
        };
        scene.addPostLayoutPulseListener(listener);
        Platform.requestNextPulse();
    }
}
