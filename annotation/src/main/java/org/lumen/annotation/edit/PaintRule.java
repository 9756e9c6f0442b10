// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/**
 * What a tool writes and over what, as ITK-SNAP's "active label" and "paint over" do: the label to
 * write (0 erases) and which voxels it may change — all, only empty ones, or only those carrying
 * one given label (paint over X; for an eraser, erase only X).
 */
public record PaintRule(int label, Over over, int overLabel) {

    /** Which voxels a tool may change. */
    public enum Over {
        /** Every voxel. */
        ALL,
        /** Only voxels without a label. */
        EMPTY,
        /** Only voxels carrying {@code overLabel}. */
        LABEL
    }

    public PaintRule {
        checkLabel(label);
        if (over == null) {
            throw new IllegalArgumentException("say which voxels the tool may change");
        }
        if (over == Over.LABEL) {
            checkLabel(overLabel);
        }
    }

    /** Paints {@code label} over everything. */
    public static PaintRule paint(int label) {
        return new PaintRule(label, Over.ALL, 0);
    }

    /** Paints {@code label} only where there is no label yet. */
    public static PaintRule paintOnEmpty(int label) {
        return new PaintRule(label, Over.EMPTY, 0);
    }

    /** Paints {@code label} only over voxels carrying {@code over}. */
    public static PaintRule paintOver(int label, int over) {
        return new PaintRule(label, Over.LABEL, over);
    }

    /** Erases every label. */
    public static PaintRule erase() {
        return new PaintRule(0, Over.ALL, 0);
    }

    /** Erases only {@code label}, leaving other labels alone. */
    public static PaintRule erase(int label) {
        return new PaintRule(0, Over.LABEL, label);
    }

    public boolean erases() { return label == 0; }

    /** Whether a voxel now carrying {@code current} may be changed. */
    public boolean allows(int current) {
        return switch (over) {
            case ALL -> true;
            case EMPTY -> current == 0;
            case LABEL -> current == overLabel;
        };
    }

    private static void checkLabel(int label) {
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("a label is 0..255, not " + label);
        }
    }
}
