// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RecentStudiesTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:30:00Z");

    @TempDir
    Path home;

    @TempDir
    Path studies;

    private final MutableClock clock = new MutableClock(T0);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLog() {
        logger = (Logger) LoggerFactory.getLogger(RecentStudies.class);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void noFileYetIsAnEmptyListWithoutWarnings() {
        RecentStudies recent = RecentStudies.load(new UserDataFolder(home));
        assertThat(recent.entries()).isEmpty();
        assertThat(recent.latest()).isEmpty();
        assertThat(recent.file()).isEqualTo(home.resolve("recent-studies.json"));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void addedStudiesComeMostRecentFirstAndSurviveARestart() throws IOException {
        Path a = Files.createDirectories(studies.resolve("a"));
        Path b = Files.createFile(studies.resolve("b.zip"));
        RecentStudies recent = load();
        recent.add(a, "Doe, Jane · CT Thorax");
        clock.advance(60);
        recent.add(b, null);

        RecentStudies reloaded = load();
        assertThat(reloaded.entries()).extracting(RecentStudies.Entry::path).containsExactly(b, a);
        assertThat(reloaded.entries()).extracting(RecentStudies.Entry::label).containsExactly("b.zip", "Doe, Jane · CT Thorax");
        assertThat(reloaded.entries()).extracting(RecentStudies.Entry::openedAt).containsExactly(T0.plusSeconds(60), T0);
        assertThat(reloaded.entries()).allMatch(RecentStudies.Entry::exists);
        assertThat(reloaded.latest()).get().extracting(RecentStudies.Entry::path).isEqualTo(b);
    }

    @Test
    void reopeningMovesAStudyToTheFrontWithoutADuplicate() throws IOException {
        RecentStudies recent = load();
        Path a = studies.resolve("a");
        recent.add(a, "A");
        clock.advance(1);
        recent.add(studies.resolve("b"), "B");
        clock.advance(1);
        recent.add(studies.resolve("x/../a"), "A again"); // the same folder, spelt differently

        assertThat(recent.entries()).extracting(RecentStudies.Entry::label).containsExactly("A again", "B");
        assertThat(recent.entries().getFirst().path()).isEqualTo(a);
        assertThat(recent.entries().getFirst().openedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void theListKeepsTheTenMostRecent() throws IOException {
        RecentStudies recent = load();
        for (int i = 0; i < 13; i++) {
            clock.advance(1);
            recent.add(studies.resolve("s" + i), null);
        }
        assertThat(recent.entries()).hasSize(RecentStudies.MAX_ENTRIES);
        assertThat(recent.entries().getFirst().label()).isEqualTo("s12");
        assertThat(recent.entries().getLast().label()).isEqualTo("s3");
        assertThat(load().entries()).hasSize(10);
    }

    @Test
    void pathsThatAreGoneAreKeptButFlagged() throws IOException {
        Path kept = Files.createDirectories(studies.resolve("kept"));
        Path gone = Files.createDirectories(studies.resolve("gone"));
        RecentStudies recent = load();
        recent.add(kept, null);
        recent.add(gone, null);
        Files.delete(gone);

        RecentStudies reloaded = load();
        assertThat(reloaded.entries()).extracting(RecentStudies.Entry::path).containsExactly(gone, kept);
        assertThat(reloaded.entries()).extracting(RecentStudies.Entry::exists).containsExactly(false, true);

        assertThat(reloaded.removeMissing()).isEqualTo(1);
        assertThat(load().entries()).extracting(RecentStudies.Entry::path).containsExactly(kept);
    }

    @Test
    void aCorruptFileIsAnEmptyListAndAWarningAndIsReplacedOnTheNextSave() throws IOException {
        Path file = home.resolve(RecentStudies.FILE_NAME);
        Files.writeString(file, "{\"version\": 1, \"studies\": [ {\"path\": \"/x\"", StandardCharsets.UTF_8);

        RecentStudies recent = load();
        assertThat(recent.entries()).isEmpty();
        assertThat(warnings()).singleElement().asString().contains("not valid JSON").contains(file.toString());

        recent.add(studies.resolve("a"), "A");
        assertThat(load().entries()).extracting(RecentStudies.Entry::label).containsExactly("A");
    }

    @Test
    void jsonOfTheWrongShapeIsAnEmptyListAndAWarning() throws IOException {
        Path file = home.resolve(RecentStudies.FILE_NAME);
        for (String text : List.of("[]", "{\"studies\": 5}", "42", "", "null")) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            log.list.clear();
            assertThat(load().entries()).as(text).isEmpty();
            assertThat(warnings()).as(text).hasSize(1);
        }
    }

    @Test
    void badEntriesAreLeftOutAndTheRestKept() throws IOException {
        Path file = home.resolve(RecentStudies.FILE_NAME);
        Files.writeString(file, """
                {"version": 1, "studies": [
                  {"path": "/data/good", "label": "Good", "openedAt": "2025-01-02T03:04:05Z"},
                  {"label": "no path"},
                  {"path": "/data/bad-time", "openedAt": "yesterday"},
                  "not an object",
                  {"path": "/data/no-time", "extra": true},
                  {"path": "/data/good", "label": "Duplicate"}
                ]}
                """, StandardCharsets.UTF_8);

        RecentStudies recent = load();
        assertThat(recent.entries()).extracting(RecentStudies.Entry::path)
                .containsExactly(Path.of("/data/good"), Path.of("/data/no-time"));
        assertThat(recent.entries().getFirst().openedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(recent.entries().get(1).label()).isEqualTo("no-time");
        assertThat(recent.entries().get(1).openedAt()).isEqualTo(Instant.EPOCH);
        assertThat(warnings()).singleElement().asString().contains("3 unreadable entries");
    }

    @Test
    void anUnreadableFileIsAnEmptyListAndAWarning() throws IOException {
        Files.createDirectories(home.resolve(RecentStudies.FILE_NAME)); // a folder where the file should be
        assertThat(load().entries()).isEmpty();
        assertThat(warnings()).singleElement().asString().contains("cannot read");
    }

    @Test
    void savingIsAtomicAndWritesReadableJson() throws IOException {
        Path nested = home.resolve("not/yet/there");
        RecentStudies recent = RecentStudies.load(nested.resolve(RecentStudies.FILE_NAME), clock);
        recent.add(studies.resolve("a"), "Ünïcode label");

        try (Stream<Path> files = Files.list(nested)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(RecentStudies.FILE_NAME);
        }
        JsonNode json = new ObjectMapper().readTree(nested.resolve(RecentStudies.FILE_NAME).toFile());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        JsonNode first = json.get("studies").get(0);
        assertThat(first.get("path").asText()).isEqualTo(studies.resolve("a").toString());
        assertThat(first.get("label").asText()).isEqualTo("Ünïcode label");
        assertThat(first.get("openedAt").asText()).isEqualTo("2025-03-01T08:30:00Z");
    }

    @Test
    void aFailedSaveSaysWhichFileAndKeepsTheListInMemory() throws IOException {
        Path blocker = Files.createFile(home.resolve("blocker"));
        RecentStudies recent = RecentStudies.load(blocker.resolve(RecentStudies.FILE_NAME), clock);
        assertThatThrownBy(() -> recent.add(studies.resolve("a"), "A"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(blocker.resolve(RecentStudies.FILE_NAME).toString());
        assertThat(recent.entries()).extracting(RecentStudies.Entry::label).containsExactly("A");
    }

    @Test
    void removeAndClear() throws IOException {
        RecentStudies recent = load();
        recent.add(studies.resolve("a"), null);
        recent.add(studies.resolve("b"), null);
        assertThat(recent.remove(studies.resolve("a"))).isTrue();
        assertThat(recent.remove(studies.resolve("zzz"))).isFalse();
        assertThat(load().entries()).extracting(RecentStudies.Entry::label).containsExactly("b");
        recent.clear();
        assertThat(load().entries()).isEmpty();
    }

    private RecentStudies load() {
        return RecentStudies.load(home.resolve(RecentStudies.FILE_NAME), clock);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(long seconds) {
            now = now.plus(seconds, ChronoUnit.SECONDS);
        }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
