// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/** Percentiles, extremes and padding of sampled slice values, for the automatic window and the opening check. */
class ValueStatisticsTest {

    @Test
    void paddingAtAnExtremeIsLeftOutAndPercentilesSpanTheRest() {
        // A CT slice: a third is -3024 padding outside the field of view, the rest -1000..999 HU evenly.
        short[] data = new short[256 * 256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (i % 3 == 0 ? -3024 : -1000 + i * 7 % 2000);
        }
        ValueStatistics values = ValueStatistics.of(VoxelSlice.ofShorts(256, 256, VoxelType.INT16, data));
        assertThat(values.min()).isCloseTo(-1000, within(5.0));
        assertThat(values.max()).as("sampled: one in four pixels").isCloseTo(999, within(5.0));
        assertThat(values.low()).isCloseTo(-990, within(10.0));
        assertThat(values.high()).isCloseTo(990, within(10.0));
        assertThat(values.shareWithin(0, 999)).isCloseTo(0.5, within(0.01));

        WindowPreset auto = AutoWindow.of(values);
        assertThat(auto.name()).isEqualTo("auto");
        assertThat(auto.lower()).isEqualTo(values.low());
        assertThat(AutoWindow.fullRange(values).upper()).isEqualTo(values.max());
    }

    @Test
    void aTwoValuedImageIsNotAllPaddingAndFloatsSortLikeShorts() {
        short[] mask = new short[64 * 64];
        for (int i = 0; i < mask.length; i += 10) {
            mask[i] = 1;
        }
        ValueStatistics binary = ValueStatistics.of(VoxelSlice.ofShorts(64, 64, VoxelType.UINT16, mask));
        assertThat(binary.max()).isEqualTo(1);

        float[] floats = new float[64 * 64];
        short[] shorts = new short[64 * 64];
        for (int i = 0; i < floats.length; i++) {
            shorts[i] = (short) (i * 37 % 1000);
            floats[i] = shorts[i];
        }
        ValueStatistics a = ValueStatistics.of(List.of(VoxelSlice.ofFloats(64, 64, floats)));
        ValueStatistics b = ValueStatistics.of(List.of(VoxelSlice.ofShorts(64, 64, VoxelType.INT16, shorts)));
        for (double p : new double[] {0, 0.005, 0.25, 0.5, 0.995, 1}) {
            assertThat(a.percentile(p)).isEqualTo(b.percentile(p));
        }
    }

    @Test
    void aWindowMissesWhenAlmostNoValueFallsInsideIt() {
        short[] data = new short[128 * 128];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (991 + i % 499);
        }
        ValueStatistics values = ValueStatistics.of(VoxelSlice.ofShorts(128, 128, VoxelType.INT16, data));
        assertThat(DisplayDefaults.misses(new WindowPreset("File 1", 30, 100), values)).isTrue();
        assertThat(DisplayDefaults.misses(new WindowPreset("edge", 980, 30), values)).as("a few of them").isFalse();
        assertThat(DisplayDefaults.misses(new WindowPreset("wide", 1200, 1000), values)).isFalse();
    }
}
