// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link ChildMain} in a fresh JVM: the same java binary, class path and JVM options as this
 * one (the collector included), optionally with another maximum heap. The child prints one line
 * {@code RESULT {json}} on stdout; everything else it prints is passed through to stderr.
 */
final class ChildJvm {

    static final String RESULT = "RESULT ";

    private ChildJvm() { }

    /** What the child printed as its result, and its exit status. */
    record Outcome(int exitCode, JsonNode result, List<String> output) { }

    /**
     * @param maxHeap for example {@code 384m}, or null to keep this JVM's heap options
     */
    static Outcome run(String maxHeap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-agentlib") || option.startsWith("-javaagent") || option.startsWith("-XX:StartFlightRecording")) {
                continue;
            }
            if (maxHeap != null && (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-XX:MaxRAM")
                    || option.startsWith("-XX:InitialRAMPercentage") || option.startsWith("-XX:MinRAMPercentage")
                    || option.startsWith("-XX:MaxHeapSize") || option.startsWith("-XX:InitialHeapSize"))) {
                continue;
            }
            command.add(option);
        }
        if (maxHeap != null) {
            command.add("-Xmx" + maxHeap);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildMain.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(RESULT)) {
                    result = new ObjectMapper().readTree(line.substring(RESULT.length()));
                } else {
                    output.add(line);
                    System.err.println("  [child] " + line);
                }
            }
        }
        return new Outcome(process.waitFor(), result, output);
    }

    /** Prints the child's result line (called in the child). */
    static void printResult(Map<String, Object> result) throws IOException {
        System.out.println(RESULT + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
    }
}
