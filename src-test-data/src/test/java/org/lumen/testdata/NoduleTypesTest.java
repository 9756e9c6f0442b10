// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

/**
 * The nodule kinds radiologists report, drawn by the chest phantom when asked (and only then): the densities of
 * ground-glass and part-solid nodules in the rendered volume, a juxtapleural nodule cut by the chest wall, a juxtavascular
 * one touching a vessel, and phantoms without types unchanged (their spec's string, and so their UIDs).
 */
class NoduleTypesTest {

    private static ChestCtSpec.Builder chest() {
        return ChestCtSpec.builder().seed(5).size(Size.of(160, 160, 80)).pixelSpacingMm(2.2).sliceSpacingMm(2.5).noduleCount(5)
                .noduleDiameterMm(10, 16).vessels(true).noduleTypes(true);
    }

    @Test
    void eachKindInTurnWithItsDensityAndPlace() {
        ChestCtSpec spec = chest().build();
        ChestCtPhantom phantom = ChestCtPhantom.create(spec);
        List<Nodule> nodules = phantom.nodules();
        assertThat(nodules).extracting(Nodule::type).containsExactly(NoduleType.SOLID, NoduleType.PART_SOLID, NoduleType.GROUND_GLASS,
                NoduleType.JUXTAPLEURAL, NoduleType.JUXTAVASCULAR);
        PhantomVolume volume = Phantoms.renderChestCt(spec);
        VoxelGrid grid = volume.grid();

        Nodule partSolid = nodules.get(1);
        assertThat(valueAt(volume, grid, partSolid.center())).as("the solid core").isEqualTo(NoduleType.CORE_HU);
        Vec3 rim = partSolid.center().plus(new Vec3(0, 0, 0.8 * partSolid.radiusMm()));
        assertThat(valueAt(volume, grid, rim)).as("its ground-glass rim").isEqualTo(partSolid.hu()).isBetween(-750, -450);
        assertThat(labelAt(volume, grid, rim)).isEqualTo(partSolid.labelValue());

        Nodule groundGlass = nodules.get(2);
        assertThat(valueAt(volume, grid, groundGlass.center())).isEqualTo(groundGlass.hu()).isBetween(-750, -450);

        // Juxtapleural: its centre in the lung, part of its sphere beyond the pleura (there, chest wall, not nodule).
        Nodule pleural = nodules.get(3);
        assertThat(labelAt(volume, grid, pleural.center())).isEqualTo(pleural.labelValue());
        long outside = sphere(pleural, 0.95).stream().filter(p -> phantom.labelAt(p.x(), p.y(), p.z()) != pleural.labelValue()).count();
        assertThat(outside).as("the chest wall cuts the sphere").isPositive();

        // Juxtavascular: a vessel just outside its surface.
        Nodule vascular = nodules.get(4);
        long vessel = sphere(vascular, 1.0).stream().map(p -> p.plus(p.minus(vascular.center()).normalized().times(1.0)))
                .filter(p -> phantom.inVessel(p.x(), p.y(), p.z())).count();
        assertThat(vessel).as("a vessel touches it").isPositive();

        // The same spec gives the same nodules.
        assertThat(ChestCtPhantom.create(spec).nodules()).isEqualTo(nodules);
    }

    @Test
    void withoutTypesPhantomsAreAsBeforeAndTheirSpecStringKeepsTheirUids() {
        ChestCtSpec plain = ChestCtSpec.builder().seed(5).size(Size.of(96, 96, 40)).build();
        // The record's own form, component by component, without the new flag: what the UIDs were derived from before.
        String recordForm = Arrays.stream(ChestCtSpec.class.getRecordComponents()).filter(c -> !List.of("noduleTypes", "airways", "texturedBone", "partialVolume").contains(c.getName()))
                .map(c -> c.getName() + "=" + value(c, plain)).collect(Collectors.joining(", ", "ChestCtSpec[", "]"));
        assertThat(plain.toString()).isEqualTo(recordForm);
        assertThat(chest().build().toString()).endsWith(", noduleTypes=true]");
        assertThat(ChestCtPhantom.create(plain).nodules()).allSatisfy(n -> assertThat(n.type()).isNull());
        assertThat(ChestCtPhantom.create(plain).spatialValues()).isFalse();
    }

    private static Object value(RecordComponent c, ChestCtSpec spec) {
        try {
            return c.getAccessor().invoke(spec);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points on the sphere of {@code fraction} × the nodule's radius. */
    private static List<Vec3> sphere(Nodule n, double fraction) {
        List<Vec3> points = new java.util.ArrayList<>();
        int count = 200;
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < count; i++) {
            double z = 1 - 2 * (i + 0.5) / count;
            double r = Math.sqrt(1 - z * z);
            points.add(n.center().plus(new Vec3(r * Math.cos(golden * i), r * Math.sin(golden * i), z).times(fraction * n.radiusMm())));
        }
        return points;
    }

    private static int valueAt(PhantomVolume v, VoxelGrid g, Vec3 p) {
        int[] ijk = nearest(g, p);
        return v.value(ijk[0], ijk[1], ijk[2]);
    }

    private static int labelAt(PhantomVolume v, VoxelGrid g, Vec3 p) {
        int[] ijk = nearest(g, p);
        return v.label(ijk[0], ijk[1], ijk[2]);
    }

    private static int[] nearest(VoxelGrid g, Vec3 p) {
        double[] index = g.voxelIndex(p);
        return new int[] {(int) Math.round(index[0]), (int) Math.round(index[1]), (int) Math.round(index[2])};
    }
}
