// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** An Error from a command (fuzzing found decoders throwing them) ends in a sentence on stderr and exit 1. */
class LumenCliErrorTest {

    @Command(name = "fails")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new InternalError("IO Error when reading tile");
        }
    }

    @Test
    void anErrorIsASentenceAndExitOne() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Failing()).setExecutionExceptionHandler(new CliErrors()).setErr(new PrintWriter(err, true));

        int code = LumenCli.execute(cl);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("lumen: the command stopped on an internal error (InternalError: IO Error when reading tile)");
    }
}
