package org.lumen.app.gui;
import static org.assertj.core.api.Assertions.assertThat;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.*;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.*;
@ExtendWith(ApplicationExtension.class)
class AaaOrderProbeTest {
  static { HeadlessFx.start(); }
  Button b;
  @Start void start(Stage s) { b = new Button("x"); b.setId("b"); b.setOnAction(e -> b.setText("y")); s.setScene(new Scene(b, 100, 100)); s.show(); }
  @Test void works(FxRobot r) { r.clickOn("#b"); assertThat(b.getText()).isEqualTo("y"); }
}
