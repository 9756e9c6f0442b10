// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ConcurrentModificationException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.lumen.task.TaskCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one sentence on stderr and a non-zero exit; the stack trace goes to the log.
 * The sentence names the user's paths and the reason in words: never a Java class name, and never
 * the message of a programming error (a NullPointerException's text means nothing to a reader).
 */
final class CliErrors implements IExecutionExceptionHandler {

    /** Made on the first failure: a command that succeeds without logging (--help) never configures logging. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        return report(e, command.getErr());
    }

    /** Logs {@code e} and prints its sentence on {@code err}; returns the exit status, 1. */
    static int report(Exception e, java.io.PrintWriter err) {
        Throwable cause = unwrap(e);
        if (isProgrammingError(cause)) {
            Log.LOG.warn("command failed with an internal error", e); // WARN: into the log file, not onto the console
        } else {
            Log.LOG.debug("command failed", e);
        }
        err.println("lumen: " + sentence(cause));
        err.flush();
        return 1;
    }

    static String sentence(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof TaskCancelledException) {
            return "cancelled";
        }
        if (isProgrammingError(e)) {
            String logs = System.getProperty("lumen.logs");
            return "an internal error stopped the command; please report it" + (logs == null ? "" : " with the log in " + logs);
        }
        if (e instanceof NoSuchFileException nsf) {
            return "no such file or folder: " + nsf.getFile();
        }
        if (e instanceof AccessDeniedException ade) {
            return "permission denied: " + ade.getFile();
        }
        if (e instanceof NotDirectoryException nde) {
            return nde.getFile() + " is not a folder";
        }
        if (e instanceof FileAlreadyExistsException fae && fae.getReason() == null) {
            return fae.getFile() + " already exists";
        }
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            // Its message would be "path -> other: Reason"; say it as a sentence.
            String reason = fse.getReason() == null ? "cannot be used" : lowerFirst(fse.getReason());
            return fse.getFile() + ": " + reason;
        }
        return e.getMessage();
    }

    /** Task and future wrappers add nothing a reader needs. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Exceptions that only a bug throws, or that say nothing: their messages are for developers, and the log has them. */
    private static boolean isProgrammingError(Throwable e) {
        if (e instanceof TaskCancelledException) {
            return false;
        }
        return e.getMessage() == null || e.getMessage().isBlank() || e instanceof NullPointerException || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                || e instanceof ArithmeticException || e instanceof ArrayStoreException || e instanceof NegativeArraySizeException
                || e instanceof ConcurrentModificationException;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
