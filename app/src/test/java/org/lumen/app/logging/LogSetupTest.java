// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lumen's logging set up in code: INFO and above into lumen.log, PixelMed's chatter below WARN left out. */
class LogSetupTest {

    @TempDir
    Path logs;

    @Test
    void writesInfoAndAboveToTheLogFileAndKeepsPixelMedsDebugOut() throws IOException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J gives the context it makes
        LogSetup.apply(context, logs.toString());
        context.getLogger("org.lumen.test").info("an info line");
        context.getLogger("org.lumen.test").debug("a debug line");
        context.getLogger("com.pixelmed.dicom.Test").info("a PixelMed info line");
        context.getLogger("com.pixelmed.dicom.Test").warn("a PixelMed warning");
        assertThat(context.getLogger("ROOT").getAppender("CONSOLE")).as("errors on the console").isNotNull();
        context.stop();

        String log = Files.readString(logs.resolve("lumen.log"));
        assertThat(log).contains("INFO  org.lumen.test - an info line").contains("WARN  com.pixelmed.dicom.Test - a PixelMed warning")
                .doesNotContain("a debug line").doesNotContain("a PixelMed info line");
    }

    @Test
    void theServiceFileNamesThisConfigurator() throws IOException {
        try (var in = LogSetup.class.getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes()).strip()).isEqualTo(LogSetup.class.getName());
        }
    }
}
