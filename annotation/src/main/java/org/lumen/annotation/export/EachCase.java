// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.List;
import java.util.Locale;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;

/** Every format's walk over a plan's cases: cancel before each, progress as cases done, a message naming the case. */
final class EachCase {

    /** What a format does with one case; returning early skips it (it lists why itself). */
    @FunctionalInterface
    interface Body {
        void accept(CasePlan c) throws Exception;
    }

    private EachCase() { }

    /** @param as what the message adds after the case, e.g. " as DICOM" ("" for nothing) */
    static void run(List<CasePlan> cases, TaskContext task, String as, Body body) throws Exception {
        int total = cases.size();
        for (int n = 0; n < total; n++) {
            if (task.isCancelled()) {
                throw new TaskCancelledException();
            }
            task.progress(n, total);
            CasePlan c = cases.get(n);
            task.message(String.format(Locale.ROOT, "Exporting case %d of %d (%s)%s", n + 1, total, c.caseId(), as));
            body.accept(c);
        }
        task.checkCancelled();
        task.progress(total, total);
    }
}
