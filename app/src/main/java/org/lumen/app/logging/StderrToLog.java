// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what libraries print straight to {@code System.err} (PixelMed does, e.g. "Error: Transfer
 * Syntax UID was not specified ... so guessing") and writes it to the log, line by line, so the
 * CLI's stderr carries only Lumen's own one-sentence messages.
 */
public final class StderrToLog extends OutputStream {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** Replaces {@code System.err} and returns the original, for the CLI's own messages. */
    public static PrintStream install() {
        PrintStream original = System.err;
        System.setErr(new PrintStream(new StderrToLog(), true, StandardCharsets.UTF_8));
        return original;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            Log.STDERR.warn("{}", line.toString(StandardCharsets.UTF_8).stripTrailing());
            line.reset();
        }
    }

    /** Made on the first line caught: a start that logs nothing (--help) then never configures logging (logback and its XML parser, about 700 classes). */
    private static final class Log {
        static final Logger STDERR = LoggerFactory.getLogger("stderr");
    }
}
