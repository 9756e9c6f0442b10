// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

enum NoTaskContext implements TaskContext {
    INSTANCE;

    @Override public void progress(long done, long total) { }

    @Override public void message(String message) { }

    @Override public boolean isCancelled() { return false; }
}
