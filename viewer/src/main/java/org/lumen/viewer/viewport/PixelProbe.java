// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.Locale;
import java.util.Optional;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/**
 * The value under the cursor: the voxel at a plane pixel on the view's centre plane (a slab's
 * projection is not what the reader asks about), with its patient position. Values are modality
 * values, so CT reads in Hounsfield units; a parametric map reads in its real-world values, with their units.
 */
public final class PixelProbe {

    private PixelProbe() { }

    /**
     * What the probe found at one pixel. {@code value} is NaN while the slice is not in memory;
     * {@code patient} is null when the image has no patient position or no spacing in millimetres.
     */
    public record Reading(int x, int y, Vec3 patient, double value, String unit, Integer argb) {

        /** "−734 HU  (12.3, −45.6, 78.9) mm" style text for the status line and overlay. */
        public String describe() {
            String v;
            if (argb != null) {
                v = String.format(Locale.ROOT, "RGB %d %d %d", argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF);
            } else if (Double.isNaN(value)) {
                v = "loading";
            } else {
                v = number(value) + (unit.isEmpty() ? "" : " " + unit);
            }
            if (patient == null) {
                return String.format(Locale.ROOT, "%s  [%d, %d]", v, x, y);
            }
            return String.format(Locale.ROOT, "%s  [%d, %d]  (%.1f, %.1f, %.1f) mm", v, x, y, patient.x(), patient.y(), patient.z());
        }
    }

    /** Whole numbers as such; small real values (a diffusion coefficient in mm2/s) with three significant digits. */
    static String number(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 0.01 ? "%.3g" : "%.2f", value);
    }

    /** Reads plane pixel (px, py) (centres at integers) of the view; empty outside the image. */
    public static Optional<Reading> read(ViewportState view, double px, double py) {
        ViewPlane plane = view.plane();
        int x = (int) Math.round(px);
        int y = (int) Math.round(py);
        if (x < 0 || y < 0 || x >= plane.width() || y >= plane.height()) {
            return Optional.empty();
        }
        double[] v = plane.toVoxel(x, y, view.index());
        int i = (int) Math.round(v[0]);
        int j = (int) Math.round(v[1]);
        int k = (int) Math.round(v[2]);
        var framePlane = view.volume().frame(k).plane();
        boolean located = framePlane != null && framePlane.hasPositionAndOrientation()
                && view.volume().plan().calibration().geometryInMillimetres();
        Vec3 patient = located ? plane.geometry().toPatient(i, j, k) : null;
        FrameRef frame = view.volume().frame(k);
        // A map's volume holds its real-world values (ADR 0039; a map copies the CT's Modality, but is not in HU): its
        // mapping was read when the slice was decoded and gives the units.
        boolean real = view.volume().holdsRealWorldValues();
        RealWorldValues mapping = real ? RealWorldValues.known(frame.instance().file()) : null;
        String unit = real ? (mapping == null ? "" : mapping.units())
                : "CT".equals(view.volume().frame(0).instance().series().modality()) ? "HU" : "";
        Optional<VoxelSlice> slice = view.volume().sliceIfPresent(k);
        if (slice.isEmpty()) {
            return Optional.of(new Reading(x, y, patient, Double.NaN, unit, null));
        }
        VoxelSlice s = slice.get();
        if (s.type() == VoxelType.RGB) {
            return Optional.of(new Reading(x, y, patient, s.value(i, j), "", s.argb()[j * s.columns() + i]));
        }
        return Optional.of(new Reading(x, y, patient, s.value(i, j), unit, null));
    }
}
