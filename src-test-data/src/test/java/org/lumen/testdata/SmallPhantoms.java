// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

/** Small specs that keep the tests fast. */
final class SmallPhantoms {

    private SmallPhantoms() { }

    /** 64x64x40 with 5 mm voxels: a 320 × 320 × 200 mm chest, with nodules big enough to span several voxels. */
    static ChestCtSpec.Builder chest() {
        return ChestCtSpec.builder().size(Size.of(64, 64, 40)).pixelSpacingMm(5).sliceSpacingMm(5).noduleCount(4)
                .noduleDiameterMm(15, 30);
    }
}
