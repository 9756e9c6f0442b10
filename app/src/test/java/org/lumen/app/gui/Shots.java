// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.lumen.app.gui.WindowTests.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;

/**
 * Screenshots of the windows and dialogs the tests drive, with their real content, for a person to look
 * at: into the folder the system property {@code lumen.shots} names, else beside the test's files.
 */
final class Shots {

    private Shots() { }

    /** Writes the scene as it is shown, at its own size, as NAME.png; returns the file. */
    static Path take(Scene scene, Path fallbackFolder, String name) throws Exception {
        String configured = System.getProperty("lumen.shots");
        Path folder = configured == null || configured.isBlank() ? fallbackFolder.resolve("shots") : Path.of(configured);
        Files.createDirectories(folder);
        int width = fx(() -> (int) Math.ceil(scene.getWidth()));
        int height = fx(() -> (int) Math.ceil(scene.getHeight()));
        Path out = folder.resolve(name + ".png");
        HeadlessFx.snapshotToPng(scene, width, height, out);
        return out;
    }
}
