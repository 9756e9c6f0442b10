// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.fuzz.FuzzOutcome.Verdict;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/**
 * What {@code lumen info} and {@code lumen render} do with a file, done to a damaged one beside an undamaged
 * neighbour: index the folder, stack the damaged file's series, decode and render its first and last slice.
 * The judge of a fuzz run: the seeded fuzz tests and {@code lumen bench --only fuzz} both call it.
 */
public final class FuzzPipeline {

    private final Pools pools;
    private final Indexer indexer;
    private final SeriesLoader loader;

    public FuzzPipeline(Pools pools) {
        this.pools = pools;
        this.indexer = new Indexer(pools.io(), 2);
        this.loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), new PixelCache(512L << 20));
    }

    /**
     * Handles {@code damaged} in {@code folder}, which also holds {@code neighbour} (undamaged, another SOP instance).
     * Runs on the calling thread; the caller bounds its time.
     */
    public FuzzOutcome run(Path folder, Path damaged, Path neighbour) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getTotalThreadAllocatedBytes();
        long start = System.nanoTime();
        Verdict verdict;
        String detail;
        try {
            String[] result = judge(folder, damaged, neighbour);
            verdict = Verdict.valueOf(result[0]);
            detail = result[1];
        } catch (OutOfMemoryError e) {
            verdict = Verdict.OUT_OF_MEMORY;
            detail = String.valueOf(e.getMessage());
        } catch (Throwable e) {
            verdict = Verdict.CRASH;
            StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            detail = e + (at == null ? "" : " at " + at);
        }
        return new FuzzOutcome(verdict, detail, threads.getTotalThreadAllocatedBytes() - allocatedBefore,
                (System.nanoTime() - start) / 1_000_000);
    }

    private String[] judge(Path folder, Path damaged, Path neighbour) throws IOException {
        DicomIndex index = indexer.index(new FolderSource(folder), TaskContext.none());
        if (find(index, neighbour).isEmpty()) {
            return new String[] {"SPOILED_LISTING", "the undamaged " + neighbour.getFileName() + " is not listed"};
        }
        Optional<String> problem = index.problems().stream().filter(p -> Path.of(p.file()).getFileName().equals(damaged.getFileName())).map(p -> p.reason()).findFirst();
        if (problem.isPresent()) {
            return sentence(problem.get()) ? new String[] {"REFUSED", problem.get()} : new String[] {"SILENT", "blank reason: " + problem.get()};
        }
        Optional<Series> series = find(index, damaged);
        if (series.isEmpty()) {
            return new String[] {"SILENT", "neither listed nor reported as a problem"};
        }
        StackPlan plan = new StackPlanner().plan(series.get());
        if (plan.frames().isEmpty()) {
            return new String[] {"REFUSED", String.join("; ", plan.notes())};
        }
        try (Volume volume = loader.open(plan)) {
            for (int slice : new int[] {0, plan.sliceCount() - 1}) {
                if (slice > 0 && !volume.frame(slice).instance().file().getFileName().equals(damaged.getFileName())) {
                    continue;
                }
                VoxelSlice pixels = volume.slice(slice);
                InstanceHeader header = volume.frame(slice).instance();
                DisplaySettings settings = DisplayDefaults.initial(header, pixels);
                SliceRenderer renderer = new SliceRenderer();
                if (pixels.type() == VoxelType.RGB) {
                    renderer.renderArgb(pixels, settings, new int[pixels.columns() * pixels.rows()]);
                } else {
                    renderer.renderGray(pixels, settings, new byte[pixels.columns() * pixels.rows()]);
                }
            }
        } catch (UnusableFileException e) {
            return sentence(e.getMessage()) ? new String[] {"REFUSED", e.getMessage()} : new String[] {"SILENT", "blank reason: " + e};
        }
        return new String[] {"READ", ""};
    }

    /** A reason a person can act on: words, not an empty string or a bare exception name. */
    private static boolean sentence(String reason) {
        return reason != null && reason.strip().length() >= 8 && reason.strip().contains(" ");
    }

    private static Optional<Series> find(DicomIndex index, Path file) {
        return index.studies().stream().flatMap(s -> s.series().stream())
                .filter(s -> s.instances().stream().anyMatch(i -> i.file().getFileName().equals(file.getFileName()))).findFirst();
    }

    /**
     * Writes {@code damaged} and a copy of {@code neighbour} (another sample than the damaged one's, so the two
     * never share a SOP Instance UID) into {@code folder}, emptied first. Returns the two paths.
     */
    public static Path[] prepare(Path folder, byte[] damaged, Path neighbour) throws IOException {
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path d = Files.write(folder.resolve("damaged.dcm"), damaged);
        Path n = Files.copy(neighbour, folder.resolve("neighbour.dcm"));
        return new Path[] {d, n};
    }
}
