// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.Arrays;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.volume.VoxelSlice;

/** A window from a slice's own values (0.5th to 99.5th percentile), for images without presets. */
public final class AutoWindow {

    private AutoWindow() { }

    public static WindowPreset of(VoxelSlice slice) {
        int n = slice.columns() * slice.rows();
        int step = Math.max(1, n / 65536); // a sample is enough for percentiles
        double[] values = new double[(n + step - 1) / step];
        int count = 0;
        for (int index = 0; index < n; index += step) {
            values[count++] = slice.value(index % slice.columns(), index / slice.columns());
        }
        Arrays.sort(values, 0, count);
        double low = values[(int) (count * 0.005)];
        double high = values[Math.min(count - 1, (int) (count * 0.995))];
        double width = Math.max(1, high - low);
        return new WindowPreset("auto", low + width / 2, width);
    }
}
