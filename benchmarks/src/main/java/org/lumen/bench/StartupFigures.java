// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long Lumen takes to start (issue 17; docs/performance.md, "Start"): fresh processes, the median of
 * several, each beside {@code java -version} of the same runtime in the same run as the floor. From the
 * repository through {@code ./lumen} (with its AOT caches and with {@code LUMEN_AOT=off}), and, given
 * {@code --installed CMD}, the installed application. Figures: {@code --help}; {@code info FILE} on one
 * slice of a small generated CT; the window on screen and the demo study's first image (the app's
 * {@code lumen.startup.exitAfter} probe prints a line when each was drawn and the process ends), under
 * the display there is or an Xvfb server this benchmark starts.
 */
final class StartupFigures {

    private static final String MARK = "lumen-startup ";

    /** The probe's event names (org.lumen.app.startup.StartupProbe; the benchmarks do not depend on app). */
    private static final class StartupMarkNames {
        static final String WINDOW_SHOWN = "window-shown";
        static final String FIRST_IMAGE = "first-image";
    }
    private static final long TIMEOUT_SECONDS = 120;

    private StartupFigures() { }

    /**
     * @param root      the repository (where {@code ./lumen} is), from the launcher's {@code -Dlumen.root}
     * @param installed the installed {@code lumen} command, or null
     * @param before    another checkout (an earlier commit, built) whose {@code ./lumen} is measured in the same rounds
     *                  for the command line, or null
     */
    static List<Measurement> run(Path dir, Path root, String installed, Path before, int repeat, boolean window) throws Exception {
        if (root == null && installed == null) {
            throw new IllegalArgumentException("the startup group runs ./lumen: start it through ./lumen bench (or give --installed CMD)");
        }
        Path work = Files.createDirectories(dir.resolve("startup"));
        Map<String, String> env = new HashMap<>();
        // Its own data folder: the demo study and the catalog are made once, in the warm-up, not in the user's folder.
        env.put("LUMEN_HOME", work.resolve("home").toString());
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String launcher = root == null ? null : root.resolve("lumen").toString();
        Path sample = sampleFile(work, launcher != null ? launcher : installed, env);

        Map<String, List<String>> commands = new LinkedHashMap<>();
        if (launcher != null) {
            commands.put("./lumen", List.of(launcher));
        }
        if (installed != null) {
            commands.put("installed lumen", List.of(installed));
        }
        if (before != null) {
            commands.put("./lumen before (" + before + ")", List.of(before.resolve("lumen").toString()));
        }
        // The cases run round-robin, one fresh process each per round, so that a busy spell on the machine
        // falls on all of them alike rather than on one figure; the floor is one of the cases.
        record Case(String name, List<String> cmd, Map<String, String> env, String note) { }
        List<Case> cases = new ArrayList<>();
        String floorName = "java -version, same runtime";
        cases.add(new Case(floorName, List.of(java, "-version"), Map.of(), null));
        for (var entry : commands.entrySet()) {
            String who = entry.getKey();
            List<String> cmd = entry.getValue();
            List<Map<String, String>> variants = new ArrayList<>();
            variants.add(env);
            if (who.equals("./lumen")) {
                Map<String, String> off = new HashMap<>(env);
                off.put("LUMEN_AOT", "off");
                variants.add(off);
            }
            for (Map<String, String> e : variants) {
                String how = who + (e.containsKey("LUMEN_AOT") ? " (no AOT cache)" : "");
                cases.add(new Case(how + " --help", concat(cmd, "--help"), e, "target (./lumen, after a build) <= 1000 ms"));
                cases.add(new Case(how + " info FILE", concat(cmd, "info", sample.toString()), e,
                        "one 128x128 CT slice; target (installed) <= 800 ms"));
                if (!who.startsWith("./lumen before") && !e.containsKey("LUMEN_AOT")) {
                    // Loads ONNX Runtime to name its version and execution providers.
                    cases.add(new Case(how + " --version", concat(cmd, "--version"), e, "no target; loads ONNX Runtime"));
                }
            }
        }
        for (Case c : cases) {
            exitMillis(c.cmd(), c.env()); // warm the page cache (and make an AOT cache that is missing)
        }
        double[][] ms = new double[cases.size()][repeat];
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < cases.size(); i++) {
                ms[i][r] = exitMillis(cases.get(i).cmd(), cases.get(i).env());
            }
        }
        double floor = BenchMain.median(ms[0]);
        List<Measurement> m = new ArrayList<>();
        for (int i = 1; i < cases.size(); i++) {
            m.add(new Measurement(cases.get(i).name(), BenchMain.median(ms[i]), "ms", floorName, floor,
                    "median of " + repeat + " fresh processes, round-robin; " + cases.get(i).note()));
        }
        if (window) {
            try (Display display = Display.open()) {
                m.addAll(windowFigures(commands, env, display, repeat, floorName, floor));
            }
        }
        return m;
    }

    /**
     * The window of each command (and of ./lumen without its AOT cache), round-robin like the command
     * line's cases: one start of each per round, after one start each that makes the demo study, the
     * catalog and any missing AOT cache. An earlier checkout whose window has no startup probe (before
     * issue 17's second round) is left out after that first start.
     */
    private static List<Measurement> windowFigures(Map<String, List<String>> commands, Map<String, String> env, Display display,
                                                   int repeat, String floorName, double floor) throws Exception {
        record Variant(String name, List<String> cmd, Map<String, String> env) { }
        List<Variant> variants = new ArrayList<>();
        for (var entry : commands.entrySet()) {
            Map<String, String> e = new HashMap<>(env);
            e.putAll(display.environment());
            e.put("LUMEN_JAVA_OPTS", (env.getOrDefault("LUMEN_JAVA_OPTS", "") + " -Dlumen.startup.exitAfter=first-image").strip());
            variants.add(new Variant(entry.getKey(), entry.getValue(), e));
            if (entry.getKey().equals("./lumen")) {
                Map<String, String> off = new HashMap<>(e);
                off.put("LUMEN_AOT", "off");
                variants.add(new Variant("./lumen (no AOT cache)", entry.getValue(), off));
            }
        }
        for (var it = variants.iterator(); it.hasNext(); ) {
            Variant v = it.next();
            try {
                marks(v.cmd(), v.env());
            } catch (IllegalStateException noProbe) {
                if (!v.name().startsWith("./lumen before")) {
                    throw noProbe;
                }
                System.err.println("startup: " + v.name() + " left out of the window figures: " + noProbe.getMessage());
                it.remove();
            }
        }
        double[][] shown = new double[variants.size()][repeat];
        double[][] first = new double[variants.size()][repeat];
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < variants.size(); i++) {
                Map<String, Double> at = marks(variants.get(i).cmd(), variants.get(i).env());
                shown[i][r] = at.getOrDefault(StartupMarkNames.WINDOW_SHOWN, Double.NaN);
                first[i][r] = at.getOrDefault(StartupMarkNames.FIRST_IMAGE, Double.NaN);
            }
        }
        List<Measurement> m = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            String how = variants.get(i).name();
            m.add(new Measurement(how + ": window on screen", BenchMain.median(shown[i]), "ms", floorName, floor,
                    "from the process start to the window's first frame drawn; median of " + repeat
                            + ", round-robin; target (installed) <= 1500 ms"));
            m.add(new Measurement(how + ": demo study's first image", BenchMain.median(first[i]), "ms", floorName, floor,
                    "to the first CT slice drawn in the viewport; median of " + repeat + ", round-robin; target (installed) <= 2500 ms"));
        }
        return m;
    }

    /** Starts the window and returns when each startup mark's line arrived, in ms from the process start. */
    private static Map<String, Double> marks(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        Map<String, Double> at = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(MARK)) {
                    at.put(line.substring(MARK.length()).split(" ")[0], (System.nanoTime() - start) / 1e6);
                }
            }
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0 || !at.containsKey("first-image")) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + " without drawing the demo's first image");
        }
        return at;
    }

    /** One slice of a small CT that {@code lumen phantom} writes once into the benchmark folder. */
    private static Path sampleFile(Path work, String lumen, Map<String, String> env) throws IOException, InterruptedException {
        Path phantom = work.resolve("phantom");
        if (!Files.isDirectory(phantom)) {
            Path partial = work.resolve("phantom.partial");
            exitMillis(List.of(lumen, "phantom", partial.toString(), "--size", "128x128x40"), env);
            Files.move(partial, phantom);
        }
        try (Stream<Path> files = Files.list(phantom)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no .dcm file in " + phantom));
        }
    }

    private interface Run {
        double millis() throws Exception;
    }

    private static double medianMillis(int repeat, Run run) throws Exception {
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            ms[i] = run.millis();
        }
        return BenchMain.median(ms);
    }

    /** Wall time of a fresh process from start to exit; fails with its command when it exits non-zero. */
    private static double exitMillis(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue());
        }
        return ms;
    }

    private static List<String> concat(List<String> cmd, String... args) {
        List<String> all = new ArrayList<>(cmd);
        all.addAll(List.of(args));
        return all;
    }

    /** The display the windows open on: the session's own, or an Xvfb server started for the run. */
    private record Display(Process xvfb, String name) implements AutoCloseable {

        static Display open() throws IOException {
            String current = System.getenv("DISPLAY");
            if (current != null && !current.isBlank()) {
                return new Display(null, current);
            }
            // -displayfd: Xvfb picks a free display number and writes it on stdout once it accepts connections.
            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1440x900x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (number == null || number.isBlank()) {
                xvfb.destroy();
                throw new IOException("Xvfb did not start (install the Debian package xvfb, or run with a DISPLAY)");
            }
            return new Display(xvfb, ":" + number.strip());
        }

        Map<String, String> environment() {
            return Map.of("DISPLAY", name);
        }

        @Override
        public void close() {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "display %s", name);
        }
    }
}
