// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.lumen.task.Pools;
import org.lumen.testdata.fuzz.DicomMutator;
import org.lumen.testdata.fuzz.FuzzOutcome;
import org.lumen.testdata.fuzz.FuzzOutcome.Verdict;
import org.lumen.testdata.fuzz.FuzzPipeline;
import org.lumen.testdata.fuzz.Mutation;
import org.lumen.testdata.fuzz.Mutation.Kind;

/**
 * {@code lumen bench --only fuzz}: every sample of the shared corpus damaged {@code --fuzz-rounds} times in each
 * {@link Kind}, seeded, then listed beside an undamaged neighbour, stacked and rendered ({@link FuzzPipeline}).
 * Counts crashes, hangs, out-of-memory errors, silent failures and spoiled listings (the target is zero of each),
 * and the memory and time each input cost: no input under 1 MB may cost more than 512 MB or 10 s.
 */
final class FuzzFigures {

    private static final long LIMIT_MILLIS = 10_000;
    private static final long LIMIT_BYTES = 512L << 20;
    private static final long SMALL_INPUT = 1L << 20;

    private FuzzFigures() { }

    record Input(String sample, Kind kind, long seed, String what, int size) {
        String name() { return sample + " " + kind + " seed " + seed + " (" + what + ")"; }
    }

    static List<Measurement> run(Path root, Path samples, int rounds) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        Path folder = root.resolve("fuzz");
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        List<String> findings = new ArrayList<>();
        List<Object[]> costs = new ArrayList<>();
        int overBudget = 0;
        ExecutorService worker = Pools.privateLane("fuzz");
        try (Pools pools = new Pools()) {
            FuzzPipeline pipeline = new FuzzPipeline(pools);
            for (Path sample : files) {
                byte[] bytes = Files.readAllBytes(sample);
                String name = samples.relativize(sample).toString();
                Path neighbour = samples.resolve(name.startsWith("wg04/CT2") ? "wg04/MR3_UNC.dcm" : "wg04/CT2_UNC.dcm");
                for (Kind kind : Kind.values()) {
                    for (long seed = 0; seed < rounds; seed++) {
                        Mutation mutation = DicomMutator.mutate(bytes, kind, seed);
                        Input input = new Input(name, kind, seed, mutation.what(), mutation.bytes().length);
                        Path[] paths = FuzzPipeline.prepare(folder, mutation.bytes(), neighbour);
                        Future<FuzzOutcome> future = worker.submit(() -> pipeline.run(folder, paths[0], paths[1]));
                        FuzzOutcome outcome;
                        try {
                            outcome = future.get(LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            future.cancel(true);
                            outcome = new FuzzOutcome(Verdict.HANG, "still running after 10 s", -1, LIMIT_MILLIS);
                            // The stuck thread may never return: later inputs get a fresh one.
                            worker.shutdownNow();
                            worker = Pools.privateLane("fuzz");
                        } catch (java.util.concurrent.ExecutionException e) {
                            outcome = new FuzzOutcome(Verdict.CRASH, String.valueOf(e.getCause()), -1, 0);
                        }
                        counts.merge(outcome.verdict(), 1, Integer::sum);
                        if (!outcome.acceptable()) {
                            findings.add(outcome.verdict() + ": " + input.name() + ": " + outcome.detail());
                        }
                        costs.add(new Object[] {input, outcome});
                        if (input.size() < SMALL_INPUT && (outcome.allocatedBytes() > LIMIT_BYTES || outcome.millis() > LIMIT_MILLIS)) {
                            overBudget++;
                            findings.add(String.format(Locale.ROOT, "OVER BUDGET: %s: %,d bytes, %d KB input, %d ms", input.name(),
                                    outcome.allocatedBytes(), input.size() / 1024, outcome.millis()));
                        }
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        int total = costs.size();
        System.out.printf(Locale.ROOT, "fuzz: %d samples x %d kinds x %d rounds = %d inputs%n", files.size(), Kind.values().length, rounds, total);
        counts.forEach((verdict, n) -> System.out.printf(Locale.ROOT, "  %-16s %,d%n", verdict, n));
        findings.forEach(f -> System.out.println("  FINDING " + f));
        System.out.println("  costliest inputs (bytes allocated by all threads while the input was handled; time):");
        costs.stream().sorted(Comparator.comparingLong((Object[] c) -> -((FuzzOutcome) c[1]).allocatedBytes())).limit(8)
                .forEach(c -> System.out.printf(Locale.ROOT, "    %,6d MB  %,6d ms  %s (%d KB)%n", ((FuzzOutcome) c[1]).allocatedBytes() >> 20,
                        ((FuzzOutcome) c[1]).millis(), ((Input) c[0]).name(), ((Input) c[0]).size() / 1024));
        long maxSmallBytes = costs.stream().filter(c -> ((Input) c[0]).size() < SMALL_INPUT)
                .mapToLong(c -> ((FuzzOutcome) c[1]).allocatedBytes()).max().orElse(0);
        long maxMillis = costs.stream().mapToLong(c -> ((FuzzOutcome) c[1]).millis()).max().orElse(0);
        List<Measurement> results = new ArrayList<>();
        results.add(new Measurement("fuzz: inputs", total, "files", null, null, rounds + " rounds per sample and kind"));
        for (Verdict verdict : Verdict.values()) {
            if (verdict != Verdict.READ && verdict != Verdict.REFUSED || counts.containsKey(verdict)) {
                results.add(new Measurement("fuzz: " + verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        counts.getOrDefault(verdict, 0), "files", null, null, verdict == Verdict.READ || verdict == Verdict.REFUSED
                                ? "acceptable" : "target 0"));
            }
        }
        results.add(new Measurement("fuzz: inputs < 1 MB over 512 MB or 10 s", overBudget, "files", null, null, "target 0"));
        results.add(new Measurement("fuzz: most allocated by one input < 1 MB", maxSmallBytes / (double) (1 << 20), "MB", null, null,
                "all threads, while the input was handled: an upper bound on its peak"));
        results.add(new Measurement("fuzz: slowest input", maxMillis, "ms", null, null, "list, stack, decode and render"));
        return results;
    }
}
