// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failed task is one sentence for the reader and the whole failure, with its cause chain, in the log; a cancel is neither. */
class TaskFailureLogTest {

    @Test
    void aFailureIsLoggedWithItsStackTraceAndACancelIsNot() {
        Logger logger = (Logger) LoggerFactory.getLogger(TaskHandle.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            SyncTaskRunner runner = new SyncTaskRunner();
            TaskHandle<Object> failed = runner.submit(BackgroundTask.of("Reading a file", context -> {
                throw new IOException("disk gone", new IllegalStateException("the cause"));
            }));
            TaskHandle<Object> cancelled = runner.submit(BackgroundTask.of("Stopping", context -> {
                throw new TaskCancelledException();
            }));

            assertThatThrownBy(failed::join).hasMessage("disk gone");
            assertThatThrownBy(cancelled::join).isInstanceOf(TaskCancelledException.class);
            assertThat(events.list).hasSize(1);
            ILoggingEvent event = events.list.getFirst();
            assertThat(event.getFormattedMessage()).isEqualTo("task 'Reading a file' failed");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("disk gone");
            assertThat(event.getThrowableProxy().getCause().getMessage()).isEqualTo("the cause");
        } finally {
            logger.detachAppender(events);
        }
    }
}
