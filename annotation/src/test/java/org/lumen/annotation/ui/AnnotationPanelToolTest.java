// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.session.AnnotationClass;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.viewmodel.AnnotationViewModel;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.ui.ViewportTool;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Labels panel's tools as the viewer's one tool: choosing one hands the viewports a contributed
 * tool, choosing a viewer tool puts it down, and putting it down gives the left button back to the
 * viewer tool chosen before.
 */
@ExtendWith(ApplicationExtension.class)
class AnnotationPanelToolTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static Volume volume;
    private ViewportContext viewports;
    private AnnotationPanel panel;

    @BeforeAll
    static void load(@TempDir Path folder) throws Exception {
        Phantoms.writeChestCt(folder, ChestCtSpec.builder().size(Size.of(32, 32, 8)).pixelSpacingMm(2).sliceSpacingMm(2).noduleCount(1).build());
        var index = new Indexer(POOL, 2).index(new FolderSource(folder), TaskContext.none());
        volume = new SeriesLoader(POOL, 2, new PixelCache(16L << 20)).open(new StackPlanner().plan(index.allSeries().getFirst()));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        viewports = new ViewportContext(POOL);
        panel = new AnnotationPanel(viewports);
        stage.setScene(new Scene(panel, 480, 700));
        stage.show();
    }

    @Test
    void thePanelsToolIsTheViewportsToolUntilAViewerToolIsChosen() throws Exception {
        AnnotationViewModel model = panel.model();
        fx(() -> {
            viewports.toolProperty().set(ViewportTool.LENGTH);
            panel.setSession(AnnotationSession.blank(volume, List.of(new AnnotationClass(1, "Nodule", 0xE6194B))), null);
            model.chooseTool(AnnotationViewModel.Tool.BRUSH);
            return null;
        });
        assertThat(fx(() -> viewports.tool().label())).isEqualTo("Brush");
        assertThat(fx(() -> viewports.tool().measures())).isFalse();
        assertThat(fx(() -> selectedButton())).isEqualTo(LabellingKey.BRUSH.buttonText());

        // The Tools menu or a tool key chooses a viewer tool: the panel's tool goes.
        fx(() -> {
            viewports.toolProperty().set(ViewportTool.ANGLE);
            return null;
        });
        assertThat(fx(model::tool)).isNull();
        assertThat(fx(this::selectedButton)).isNull();

        // Putting the panel's tool down gives the left button back to the viewer tool chosen before it.
        fx(() -> {
            model.chooseTool(AnnotationViewModel.Tool.FILL);
            return null;
        });
        assertThat(fx(() -> viewports.tool())).isInstanceOf(PlaneTool.class);
        fx(() -> {
            model.chooseTool(null);
            return null;
        });
        assertThat(fx(() -> viewports.tool())).isEqualTo(ViewportTool.ANGLE);

        // Ending the session puts its tool down too.
        fx(() -> {
            model.chooseTool(AnnotationViewModel.Tool.CONTOUR);
            panel.setSession(null, null);
            return null;
        });
        assertThat(fx(() -> viewports.tool())).isEqualTo(ViewportTool.ANGLE);
        assertThat(fx(() -> viewports.planeTool())).isNull();
    }

    private String selectedButton() {
        return panel.lookupAll(".toggle-button").stream().map(n -> (ToggleButton) n).filter(ToggleButton::isSelected)
                .map(ToggleButton::getText).findFirst().orElse(null);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
