// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/**
 * The modality LUT, in units of {@code type} (HU for CT): either linear (stored value × slope +
 * intercept) or a Modality LUT Sequence table, which maps stored value {@code firstMapped + i} to
 * {@code table[i]} and clamps values outside it to its first and last entries (PS3.3 C.11.1).
 *
 * @param table null for a linear LUT
 */
public record ModalityLut(double slope, double intercept, String type, int firstMapped, int[] table) {

    public static final ModalityLut IDENTITY = new ModalityLut(1, 0, "");

    /** A linear LUT. */
    public ModalityLut(double slope, double intercept, String type) {
        this(slope, intercept, type, 0, null);
    }

    /** A table LUT (Modality LUT Sequence). */
    public static ModalityLut ofTable(int firstMapped, int[] table, String type) {
        if (table.length == 0) {
            throw new IllegalArgumentException("a modality LUT table needs at least one entry");
        }
        return new ModalityLut(1, 0, type, firstMapped, table);
    }

    public boolean isTable() {
        return table != null;
    }

    /** The same LUT in other units. */
    public ModalityLut withType(String newType) {
        return new ModalityLut(slope, intercept, newType, firstMapped, table);
    }

    public double apply(double stored) {
        if (table != null) {
            return table[Math.clamp((long) Math.floor(stored) - firstMapped, 0, table.length - 1)];
        }
        return stored * slope + intercept;
    }

    public boolean isIdentity() {
        return table == null && slope == 1 && intercept == 0;
    }

    /** True when the LUT maps integers to integers, so voxels can stay 16-bit. */
    public boolean isIntegral() {
        return table != null || slope == Math.rint(slope) && intercept == Math.rint(intercept);
    }

    /** The smallest and largest output for stored values from {@code low} to {@code high}. */
    public double[] outputRange(double low, double high) {
        if (table == null) {
            double a = apply(low);
            double b = apply(high);
            return new double[] {Math.min(a, b), Math.max(a, b)};
        }
        int from = Math.clamp((long) low - firstMapped, 0, table.length - 1);
        int to = Math.clamp((long) high - firstMapped, 0, table.length - 1);
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = from; i <= to; i++) {
            min = Math.min(min, table[i]);
            max = Math.max(max, table[i]);
        }
        return new double[] {min, max};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModalityLut l && Double.compare(slope, l.slope) == 0 && Double.compare(intercept, l.intercept) == 0
                && type.equals(l.type) && firstMapped == l.firstMapped && java.util.Arrays.equals(table, l.table);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(slope, intercept, type, firstMapped, java.util.Arrays.hashCode(table));
    }

    @Override
    public String toString() {
        return table == null ? "ModalityLut[slope=" + slope + ", intercept=" + intercept + ", type=" + type + "]"
                : "ModalityLut[table of " + table.length + " from " + firstMapped + ", type=" + type + "]";
    }
}
