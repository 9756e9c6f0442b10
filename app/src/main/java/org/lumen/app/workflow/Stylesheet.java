// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow;

/** The workstation's stylesheet (its dark theme), which the workflows' own windows and dialogs use too. */
public final class Stylesheet {

    private static final String PATH = "/org/lumen/app/gui/workstation.css";

    private Stylesheet() { }

    /** The stylesheet's URL, for {@code scene.getStylesheets().add(...)}. */
    public static String url() {
        return Stylesheet.class.getResource(PATH).toExternalForm();
    }
}
