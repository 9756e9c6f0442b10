// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.SliceRuns;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The child process of {@link CrashSafetyTest}: opens the catalog, then saves mask revisions of one
 * annotation as fast as it can, printing "ACK revisionId iteration" after each commit returns, until
 * it is killed. Every tenth save is a whole mask, the others strokes (only the changed slices).
 * Arguments: catalog file, annotation id, author id, first iteration, durability.
 */
public final class CatalogWriterMain {

    static final int COLUMNS = 256;
    static final int ROWS = 256;
    static final int SLICES = 64;

    private CatalogWriterMain() { }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long annotation = Long.parseLong(args[1]);
        long author = Long.parseLong(args[2]);
        int iteration = Integer.parseInt(args[3]);
        Durability durability = Durability.valueOf(args[4]);
        PrintStream out = System.out;
        VolumeGeometry geometry = Fixtures.geometry(COLUMNS, ROWS, SLICES);
        try (Catalog catalog = Catalog.open(file, CatalogOptions.defaults().withDurability(durability))) {
            LabelMask previous = null;
            while (true) {
                LabelMask mask = mask(iteration);
                RevisionInfo saved;
                if (previous == null || iteration % 10 == 0) {
                    saved = catalog.annotations().append(annotation, author, Origin.MANUAL, new MaskPayload(mask, geometry),
                            "iteration " + iteration);
                } else {
                    saved = catalog.annotations().appendMaskSlices(annotation, author, Origin.MANUAL, geometry,
                            changed(previous, mask), "iteration " + iteration);
                }
                out.println("ACK " + saved.id() + " " + iteration);
                out.flush();
                previous = mask;
                iteration++;
            }
        }
    }

    private static Map<Integer, SliceRuns> changed(LabelMask before, LabelMask after) {
        Map<Integer, SliceRuns> changed = new HashMap<>();
        for (int k = 0; k < SLICES; k++) {
            byte[] a = before.sliceOrNull(k);
            byte[] b = after.sliceOrNull(k);
            if (!Arrays.equals(a, b)) {
                changed.put(k, SliceRuns.of(b, COLUMNS * ROWS));
            }
        }
        return changed;
    }

    /** The mask saved at {@code iteration}: balls that move and grow, so every revision differs from the last. */
    static LabelMask mask(int iteration) {
        LabelMask mask = new LabelMask(COLUMNS, ROWS, SLICES);
        for (int n = 0; n <= iteration % 40; n++) {
            int ci = 20 + (n * 37 + iteration * 11) % (COLUMNS - 40);
            int cj = 20 + (n * 53 + iteration * 7) % (ROWS - 40);
            int ck = 8 + (n * 13 + iteration) % (SLICES - 16);
            Fixtures.ball(mask, ci, cj, ck, 3 + n % 6, 1 + n % 3);
        }
        return mask;
    }
}
