// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * JavaFX runs headless in tests (Monocle, software rendering; surefire sets the properties): TestFX
 * drives a real stage with the glass robot, and {@link HeadlessFx} writes snapshots as PNG.
 */
@ExtendWith(ApplicationExtension.class)
class HeadlessFxTest {

    private static final Color BACKGROUND = Color.web("#101418");

    private Label greeting;

    @Start
    void start(Stage stage) {
        TextField name = new TextField();
        name.setId("name");
        greeting = new Label("nobody yet");
        greeting.setId("greeting");
        Button greet = new Button("Greet");
        greet.setId("greet");
        greet.setDefaultButton(true);
        greet.setOnAction(e -> greeting.setText("Hello, " + name.getText().strip() + "!"));
        VBox root = new VBox(8, name, greet, greeting);
        stage.setScene(new Scene(root, 320, 200));
        stage.show();
    }

    @Test
    void runsHeadlessOnMonocle() {
        assertThat(System.getProperty("glass.platform")).isEqualTo("Monocle");
        assertThat(System.getProperty("monocle.platform")).isEqualTo("Headless");
        assertThat(com.sun.glass.ui.Application.GetApplication().getClass().getName())
                .isEqualTo("com.sun.glass.ui.monocle.MonocleApplication");
    }

    @Test
    void clickingAndTypingDriveTheStage(FxRobot robot) {
        robot.clickOn("#name").write("Ada Lovelace");
        assertThat(robot.lookup("#name").queryAs(TextField.class).getText()).isEqualTo("Ada Lovelace");
        assertThat(greeting.getText()).isEqualTo("nobody yet");

        robot.clickOn("#greet");
        assertThat(greeting.getText()).isEqualTo("Hello, Ada Lovelace!");

        // Enter fires the default button, through the keyboard this time.
        robot.clickOn("#name").eraseText("Ada Lovelace".length()).write("Grace").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(greeting.getText()).isEqualTo("Hello, Grace!");
    }

    @Test
    void callRunsOnTheFxThreadAndRethrows() throws Exception {
        assertThat(HeadlessFx.call(Platform::isFxApplicationThread)).isTrue();
        assertThatThrownBy(() -> HeadlessFx.call(() -> {
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
        assertThatThrownBy(() -> HeadlessFx.call(() -> {
            Thread.sleep(500);
            return null;
        }, Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
    }

    @Test
    void snapshotOfAParentIsAPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        StackPane root = HeadlessFx.call(() -> {
            Label label = new Label("Lumen");
            label.setStyle("-fx-text-fill: #e8e8e8; -fx-font-size: 32px;");
            // A red square in the top left corner, 40 px inside each edge.
            Rectangle marker = new Rectangle(20, 20, Color.RED);
            StackPane.setAlignment(marker, Pos.TOP_LEFT);
            StackPane pane = new StackPane(label, marker);
            pane.setStyle("-fx-background-color: #101418; -fx-padding: 40;");
            return pane;
        });
        Path out = dir.resolve("shots/label.png");
        Files.createDirectories(out.getParent());

        HeadlessFx.snapshotToPng(root, 320, 200, out);

        BufferedImage png = readPng(out);
        assertThat(png.getWidth()).isEqualTo(320);
        assertThat(png.getHeight()).isEqualTo(200);
        assertThat(rgb(png, 5, 5)).as("background colour from CSS").isEqualTo(rgb(BACKGROUND));
        assertThat(rgb(png, 50, 50)).as("the marker, placed by layout").isEqualTo(0xFF0000);
        assertThat(rgb(png, 39, 39)).isEqualTo(rgb(BACKGROUND));
        // The label's text is drawn: light pixels in the centre, where the background is dark.
        long light = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 70; y < 130; y++) {
            for (int x = 100; x < 220; x++) {
                int c = rgb(png, x, y);
                colours.add(c);
                if (((c >> 8) & 0xFF) > 160) {
                    light++;
                }
            }
        }
        assertThat(light).as("light text pixels").isGreaterThan(50);
        assertThat(colours.size()).as("antialiased text has many shades").isGreaterThan(5);
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(out);
        }
    }

    @Test
    void snapshotOfAShownWindowResizesIt(@TempDir Path dir) throws Exception {
        Scene scene = greeting.getScene();
        assertThat(scene.getWindow().isShowing()).isTrue();
        Path out = dir.resolve("window.png");

        HeadlessFx.snapshotToPng(scene, 400, 150, out);

        BufferedImage png = readPng(out);
        assertThat(png.getWidth()).isEqualTo(400);
        assertThat(png.getHeight()).isEqualTo(150);
        assertThat(scene.getWidth()).isEqualTo(400);
        assertThat(distinctColours(png)).as("controls drawn, not a blank image").isGreaterThan(10);
    }

    @Test
    void refusesAWindowlessSceneOfAnotherSizeAndBadSizes(@TempDir Path dir) throws Exception {
        Scene scene = HeadlessFx.call(() -> new Scene(new StackPane(), 100, 100));
        assertThatThrownBy(() -> HeadlessFx.snapshotToPng(scene, 200, 100, dir.resolve("a.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100x100");
        assertThatThrownBy(() -> HeadlessFx.snapshotToPng(new StackPane(), 0, 100, dir.resolve("b.png")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isEmptyDirectory();
    }

    /** Through the PNG reader itself: ImageIO.read would also ask PixelMed's readers, which print. */
    private static BufferedImage readPng(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(rgb(image, x, y));
            }
        }
        return colours.size();
    }
}
