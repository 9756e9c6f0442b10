// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAL mode: a reader in another connection is never blocked by a writer and always sees one consistent snapshot. */
class ConcurrentReadTest {

    @TempDir
    Path dir;

    @Test
    void aReaderIsNotBlockedByAnOpenWriteTransactionAndSeesOnlyCommittedRows() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        try (Catalog reader = Catalog.open(file, Fixtures.quick())) {
            reader.studies().upsert(Fixtures.index(2), "test");
            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO person (name, is_annotator, is_reviewer, created_at) VALUES ('uncommitted', 1, 0, 0)");
                s.execute("UPDATE study SET description = 'changed' WHERE 1");

                List<Person> people = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reader.people().all());
                assertThat(people).isEmpty();
                assertThat(reader.studies().study(Fixtures.STUDY).orElseThrow().description()).isEqualTo("CT CHEST");

                s.execute("COMMIT");
            }
            assertThat(reader.people().all()).extracting(Person::name).containsExactly("uncommitted");
            assertThat(reader.studies().study(Fixtures.STUDY).orElseThrow().description()).isEqualTo("changed");
        }
    }

    @Test
    void whileOneCatalogSavesRevisionsAnotherReadsConsistentHistories() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        long annotation;
        long author;
        try (Catalog setup = Catalog.open(file)) {
            setup.studies().upsert(Fixtures.index(1), "test");
            author = setup.people().ensure("writer", true, false).id();
            annotation = setup.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), author).id();
        }
        int saves = 150;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        try (Catalog writer = Catalog.open(file, CatalogOptions.defaults().withDurability(Durability.PROCESS_CRASH));
             Catalog reader = Catalog.open(file)) {
            Thread writing = Thread.ofPlatform().name("writer").start(() -> {
                try {
                    for (int i = 0; i < saves; i++) {
                        writer.annotations().append(annotation, author, Origin.MANUAL, AnnotationStoreTest.mask(1 + i % 7), "save " + i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            int lastSeen = 0;
            while (writing.isAlive() || lastSeen < saves) {
                List<RevisionInfo> history = reader.annotations().history(annotation);
                for (int i = 0; i < history.size(); i++) {
                    assertThat(history.get(i).number()).isEqualTo(i + 1);
                    assertThat(history.get(i).parentId()).isEqualTo(i == 0 ? null : history.get(i - 1).id());
                }
                assertThat(history.size()).as("histories only grow").isGreaterThanOrEqualTo(lastSeen);
                lastSeen = history.size();
                LoadedAnnotation loaded = reader.annotations().loadCase(Fixtures.SERIES).getFirst();
                if (loaded.head() != null) {
                    assertThat(loaded.head().id()).isEqualTo(loaded.annotation().headRevisionId());
                    assertThat(loaded.head().info().number()).isGreaterThanOrEqualTo(lastSeen);
                }
                reads.incrementAndGet();
                if (!writing.isAlive() && failure.get() != null) {
                    break;
                }
            }
            writing.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).as("the reader read while the writer wrote").isGreaterThan(10);
    }
}
