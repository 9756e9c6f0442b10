// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import org.lumen.viewer.geometry.Vec3;

/** Patient-direction letters for a screen direction (PS3.3 C.7.6.1.1.1): L/R, A/P, H/F, strongest first. */
public final class OrientationLabels {

    /** Components smaller than this do not earn a letter (an oblique plane gets two or three). */
    private static final double MINOR = 0.25;

    private OrientationLabels() { }

    /** The letters for a direction in LPS patient coordinates, e.g. (1,0,0) → "L", (0,0.3,-1) → "FP". */
    public static String of(Vec3 direction) {
        double[] c = {direction.x(), direction.y(), direction.z()};
        String[][] letters = {{"L", "R"}, {"P", "A"}, {"H", "F"}};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(c[b]), Math.abs(c[a])));
        StringBuilder label = new StringBuilder();
        for (int axis : order) {
            if (Math.abs(c[axis]) >= MINOR) {
                label.append(c[axis] > 0 ? letters[axis][0] : letters[axis][1]);
            }
        }
        return label.toString();
    }
}
