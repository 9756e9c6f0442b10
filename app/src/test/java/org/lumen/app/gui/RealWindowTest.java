// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lumen.io.Folders;
import org.lumen.task.Pools;
import org.lumen.viewer.ui.SliceViewport;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A TestFX test of the real workstation window: a temporary folder and pools for the test class
 * (subclasses write their studies into {@link #root} in their own {@code @BeforeAll}), and the window
 * each {@code @Start} opens, closed after each test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class RealWindowTest {

    protected static Path root;
    protected static Pools pools;

    protected WorkstationWindow window;

    @BeforeAll
    static void createRootAndPools() throws IOException {
        root = Files.createTempDirectory("lumen-window-test");
        pools = new Pools();
    }

    @AfterAll
    static void closePoolsAndDeleteRoot() throws IOException {
        pools.close();
        Folders.deleteTree(root);
    }

    @AfterEach
    void closeWindow() throws Exception {
        WindowTests.close(window);
    }

    protected void awaitSettled() throws Exception {
        WindowTests.awaitSettled(window);
    }

    protected SliceViewport active() throws Exception {
        return WindowTests.active(window);
    }
}
