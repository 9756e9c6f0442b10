// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.ArrayList;
import java.util.List;

/** One window/level (and inversion, slab) for several views of the same volume, as MPR readers expect. */
public final class LinkedDisplay {

    private final List<ViewportState> views = new ArrayList<>();
    private boolean propagating;

    public void attach(ViewportState view) {
        views.add(view);
        view.addListener((source, change) -> {
            if (propagating || change != ViewportState.Change.DISPLAY) {
                return;
            }
            propagating = true;
            try {
                for (ViewportState other : views) {
                    if (other != source) {
                        other.setDisplay(source.display());
                    }
                }
            } finally {
                propagating = false;
            }
        });
    }
}
