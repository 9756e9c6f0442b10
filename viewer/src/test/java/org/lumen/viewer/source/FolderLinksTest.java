// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.Problem;

/**
 * Links in a tree (found by fuzzing: a symlinked folder given as PATH listed nothing with exit 0, and links,
 * dangling links and FIFOs inside a tree were skipped without a word): links are followed without looping, and
 * what cannot be read is listed with its reason.
 */
class FolderLinksTest {

    @TempDir
    Path dir;

    @Test
    void aLinkedFolderAsTheRootIsWalked() throws Exception {
        Path series = Samples.file("ct_series/philips_phantom_std_brain_1mm");
        Path link = Files.createSymbolicLink(dir.resolve("link"), series);

        SourceListing listing = new FolderSource(link).list(TaskContext.none());

        try (var files = Files.list(series)) {
            assertThat(listing.files()).hasSize((int) files.filter(Files::isRegularFile).count()).isNotEmpty();
        }
        assertThat(listing.files()).allMatch(f -> f.startsWith(link));
    }

    @Test
    void linksInsideATreeAreFollowedAndLoopsDanglingLinksAndFifosAreListed() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Path sample = Samples.file("ct_series/philips_phantom_std_brain_1mm/I560");
        Files.copy(sample, tree.resolve("a.dcm"));
        Files.createSymbolicLink(tree.resolve("linked.dcm"), sample);
        Files.createSymbolicLink(tree.resolve("nowhere.dcm"), dir.resolve("missing"));
        Files.createSymbolicLink(tree.resolve("loop"), tree);
        Path fifo = tree.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

        SourceListing listing = new FolderSource(tree).list(TaskContext.none());

        assertThat(listing.files()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("a.dcm", "linked.dcm");
        assertThat(listing.problems()).extracting(Problem::reason).anySatisfy(r -> assertThat(r).contains("link to something that does not exist"))
                .anySatisfy(r -> assertThat(r).contains("a loop"))
                .anySatisfy(r -> assertThat(r).contains("FIFO"));
    }
}
