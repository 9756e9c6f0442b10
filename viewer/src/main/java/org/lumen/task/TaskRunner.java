// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/** Runs background tasks. The app uses a pooled runner; tests use {@link SyncTaskRunner}. */
public interface TaskRunner {

    <T> TaskHandle<T> submit(BackgroundTask<T> task);
}
