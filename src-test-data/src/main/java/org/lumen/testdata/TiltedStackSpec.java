// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Arrays;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * A CT stack acquired with a gantry tilt and uneven slice gaps (as a GE head CT that switches from
 * 4 mm to 7 mm), holding one marker sphere at a known patient point in a uniform background.
 * Axial image orientation; slice k's origin is {@code firstOrigin + d_k·(0, tan(tilt), 1)}, where
 * d_k, the distance along the normal, is the sum of the first k gaps: the tilt shears the stack
 * along the column direction (posterior for a positive tilt).
 *
 * @param gapsMm distance along the normal from each slice to the next (one fewer than the slices)
 */
public record TiltedStackSpec(int columns, int rows, double pixelSpacingMm, double[] gapsMm, double tiltDegrees,
                              Vec3 firstOrigin, Vec3 markerCentre, double markerDiameterMm, int markerHu, int backgroundHu) {

    public TiltedStackSpec {
        Objects.requireNonNull(firstOrigin, "firstOrigin");
        Objects.requireNonNull(markerCentre, "markerCentre");
        if (columns < 2 || rows < 2 || gapsMm.length < 1 || !(pixelSpacingMm > 0)) {
            throw new IllegalArgumentException("a tilted stack needs at least 2x2 pixels, two slices and a positive pixel spacing");
        }
        if (Arrays.stream(gapsMm).anyMatch(g -> !(g > 0))) {
            throw new IllegalArgumentException("slice gaps must be positive: " + Arrays.toString(gapsMm));
        }
        gapsMm = gapsMm.clone();
    }

    /**
     * 14 slices 4 mm apart then 12 more 7 mm apart (136 mm), tilted 18.5°, 64×64 pixels of 3 mm; a
     * 16 mm soft-tissue marker (40 HU) in lung-like background (−850 HU) 90 mm along the stack,
     * between two 7 mm slices, where a uniform 4 mm grid would put it 30 mm away.
     */
    public static TiltedStackSpec fourThenSevenMm() {
        double[] gaps = new double[25];
        for (int k = 0; k < gaps.length; k++) {
            gaps[k] = k < 13 ? 4 : 7;
        }
        double tilt = 18.5;
        Vec3 first = new Vec3(-94.5, -94.5, -68);
        double along = 90;
        Vec3 marker = new Vec3(5, first.y() + 64 * 3 / 2.0 + along * Math.tan(Math.toRadians(tilt)) - 20, first.z() + along);
        return new TiltedStackSpec(64, 64, 3.0, gaps, tilt, first, marker, 16, 40, -850);
    }

    public int slices() { return gapsMm.length + 1; }

    /** Slice k's distance from the first along the normal (mm). */
    public double distance(int k) {
        double d = 0;
        for (int n = 0; n < k; n++) {
            d += gapsMm[n];
        }
        return d;
    }

    /** ImagePositionPatient of slice k. */
    public Vec3 slicePosition(int k) {
        double d = distance(k);
        return firstOrigin.plus(new Vec3(0, d * Math.tan(Math.toRadians(tiltDegrees)), d));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiltedStackSpec s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "TiltedStackSpec[" + columns + "x" + rows + ", " + pixelSpacingMm + " mm, gaps " + Arrays.toString(gapsMm) + ", tilt "
                + tiltDegrees + ", first " + firstOrigin + ", marker " + markerCentre + " " + markerDiameterMm + " mm " + markerHu
                + " HU in " + backgroundHu + " HU]";
    }
}
