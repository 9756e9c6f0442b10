// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/**
 * One step the user can undo and redo, done already when it reaches the {@link EditHistory}. Holds
 * only what it changed, so the history's memory follows the size of the edits, not of the data.
 */
public interface UndoableEdit {

    /** A short name for menus ("Undo Brush"). */
    String name();

    /** Puts back the state before this edit. */
    void undo();

    /** Does this edit again after an {@link #undo}. */
    void redo();

    /** Approximate heap bytes this edit holds, for the history's bound. */
    long bytes();
}
