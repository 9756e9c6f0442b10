// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/** Observes a task's progress; a JavaFX runner forwards these to properties on the FX thread. */
public interface TaskListener {

    default void progress(String taskName, long done, long total) { }

    default void message(String taskName, String message) { }

    TaskListener NONE = new TaskListener() { };
}
