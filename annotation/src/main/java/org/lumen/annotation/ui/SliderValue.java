// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.function.DoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/** A label that always shows a slider's value, from the start and on every change. */
final class SliderValue {

    private SliderValue() { }

    static Label label(Slider slider, DoubleFunction<String> format) {
        Label label = new Label();
        label.getStyleClass().add("slider-value");
        label.textProperty().bind(Bindings.createStringBinding(() -> format.apply(slider.getValue()), slider.valueProperty()));
        return label;
    }
}
