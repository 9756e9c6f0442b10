// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Option parsing only: nothing here is timed. */
class BenchMainTest {

    @Test
    void onlyAiPicksTheAiGroupAloneAndNeedsNoViewerCt() {
        Set<String> groups = BenchMain.groups("ai");
        assertEquals(List.of("ai"), List.copyOf(groups));
        assertFalse(BenchMain.needsCt(groups), "the ai group generates its own --ai-size CT");
        assertFalse(BenchMain.needsCt(BenchMain.groups("catalog,ai")));
        assertFalse(BenchMain.needsCt(BenchMain.groups("ai2d")), "the ai2d group generates its own 2D phantoms");
        assertTrue(BenchMain.needsCt(BenchMain.groups("ai,render")));
    }

    @Test
    void allIncludesAiAndViewerDoesNot() {
        assertTrue(BenchMain.groups("all").contains("ai"));
        assertFalse(BenchMain.groups("viewer").contains("ai"));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.groups("inference"));
    }

    @Test
    void exportMakesItsOwnDatasetAndNeedsNoViewerCt() {
        assertEquals(List.of("export"), List.copyOf(BenchMain.groups("export")));
        assertFalse(BenchMain.needsCt(BenchMain.groups("export")), "the export group generates its own --export-size cases");
        assertTrue(BenchMain.groups("all").contains("export"));
    }

    @Test
    void validationMakesItsOwnCasesAndNeedsNoViewerCt() {
        assertEquals(List.of("validation"), List.copyOf(BenchMain.groups("validation")));
        assertFalse(BenchMain.needsCt(BenchMain.groups("validation")), "the validation group generates its own --validation-size cases");
        assertTrue(BenchMain.groups("all").contains("validation"));
    }
}
