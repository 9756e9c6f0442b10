// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/** The session's measurements: edits by id, change notification, and what each plane shows. */
class MeasurementSetTest {

    private static final String FOR = "1.2.3";
    private static final String SERIES = "1.2.3.4";
    private static final VolumeGeometry AXIAL = new VolumeGeometry(64, 64, 10, Vec3.ZERO,
            new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 2));

    private final MeasurementSet set = new MeasurementSet();
    private final AtomicInteger changes = new AtomicInteger();

    private static LengthMeasurement onSlice(int k) {
        return LengthMeasurement.of(FOR, SERIES, new Vec3(1, 1, 2 * k), new Vec3(5, 4, 2 * k));
    }

    @Test
    void addReplaceAndRemoveNotifyListeners() {
        set.addListener(changes::incrementAndGet);
        LengthMeasurement first = onSlice(1);
        LengthMeasurement second = onSlice(2);
        set.add(first);
        set.add(second);
        assertThat(changes).hasValue(2);
        assertThat(set.all()).containsExactly(first, second);

        LengthMeasurement edited = first.moved(1, new Vec3(9, 9, 2));
        assertThat(set.replace(edited)).isTrue();
        assertThat(changes).hasValue(3);
        assertThat(set.all()).as("keeps its place").containsExactly(edited, second);
        assertThat(set.get(first.id())).contains(edited);

        assertThat(set.remove(second.id())).isTrue();
        assertThat(changes).hasValue(4);
        assertThat(set.all()).containsExactly(edited);

        set.clear();
        assertThat(changes).hasValue(5);
        assertThat(set.size()).isZero();
    }

    @Test
    void nothingChangedNotifiesNoOne() {
        LengthMeasurement m = onSlice(1);
        set.add(m);
        set.addListener(changes::incrementAndGet);
        assertThat(set.replace(m)).isTrue();
        assertThat(set.replace(onSlice(1))).as("unknown id").isFalse();
        assertThat(set.remove(UUID.randomUUID())).isFalse();
        set.clear();
        set.clear();
        assertThat(changes).hasValue(1);
    }

    @Test
    void aRemovedListenerHearsNothing() {
        Runnable listener = set.addListener(changes::incrementAndGet);
        set.add(onSlice(1));
        set.removeListener(listener);
        set.add(onSlice(2));
        assertThat(changes).hasValue(1);
    }

    @Test
    void addingTheSameIdTwiceIsRefused() {
        LengthMeasurement m = onSlice(1);
        set.add(m);
        assertThatThrownBy(() -> set.add(m.moved(0, Vec3.ZERO))).isInstanceOf(IllegalArgumentException.class);
        assertThat(set.all()).containsExactly(m);
    }

    @Test
    void allIsASnapshot() {
        set.add(onSlice(1));
        var snapshot = set.all();
        set.add(onSlice(2));
        assertThat(snapshot).hasSize(1);
        assertThatThrownBy(() -> snapshot.add(onSlice(3))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachPlaneShowsTheMeasurementsOfItsFrameOfReferenceThatLieOnIt() {
        ViewPlane plane = ViewPlane.stored(AXIAL);
        LengthMeasurement three = onSlice(3);
        LengthMeasurement four = onSlice(4);
        LengthMeasurement otherFrame = LengthMeasurement.of("9.9.9", "9.9.9.1", new Vec3(1, 1, 6), new Vec3(2, 2, 6));
        LengthMeasurement noFrame = LengthMeasurement.of(null, SERIES, new Vec3(1, 1, 6), new Vec3(2, 2, 6));
        set.add(three);
        set.add(four);
        set.add(otherFrame);
        set.add(noFrame);

        assertThat(set.on(plane, 3, FOR)).containsExactly(three);
        assertThat(set.on(plane, 4, FOR)).containsExactly(four);
        assertThat(set.on(plane, 3, "9.9.9")).containsExactly(otherFrame);
        // Another series of the same frame of reference shows them too.
        assertThat(set.on(plane, 3, FOR, "1.2.3.999")).containsExactly(three);
        // Without a frame of reference only the measurement's own series matches.
        assertThat(set.on(plane, 3, null)).isEmpty();
        assertThat(set.on(plane, 3, null, SERIES)).containsExactly(three, noFrame);
        assertThat(set.on(plane, 3, FOR, SERIES)).containsExactly(three, noFrame);
    }
}
