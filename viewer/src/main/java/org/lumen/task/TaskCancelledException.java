// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/** Thrown inside a task when it was cancelled; runners treat it as a clean stop, not a failure. */
public final class TaskCancelledException extends RuntimeException {
    public TaskCancelledException() {
        super("cancelled", null, false, false);
    }
}
