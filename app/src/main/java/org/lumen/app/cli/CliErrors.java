// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.lumen.task.TaskCancelledException;
import org.lumen.viewer.dicom.UnusableFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns any failure into one sentence on stderr and a non-zero exit; the stack trace goes to the log. */
final class CliErrors implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        LOG.debug("command failed", e);
        command.getErr().println("lumen: " + sentence(e));
        command.getErr().flush();
        return 1;
    }

    static String sentence(Throwable e) {
        if (e instanceof NoSuchFileException nsf) {
            return "no such file or folder: " + nsf.getFile();
        }
        if (e instanceof AccessDeniedException ade) {
            return "permission denied: " + ade.getFile();
        }
        if (e instanceof TaskCancelledException) {
            return "cancelled";
        }
        if (e instanceof UnusableFileException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
