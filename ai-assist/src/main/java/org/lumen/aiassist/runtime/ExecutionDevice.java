// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

/**
 * The execution provider a session really runs on, and why it was chosen: what the UI and the CLI
 * report beside every result ("cpu: CUDA is not usable here (…)").
 *
 * @param provider "CPU" or "CUDA"
 * @param index    the CUDA device number (0 for the CPU)
 * @param note     why this device, in one sentence; empty when it is simply what was asked for
 */
public record ExecutionDevice(String provider, int index, String note) {

    public static ExecutionDevice cpu(String note) {
        return new ExecutionDevice("CPU", 0, note);
    }

    public static ExecutionDevice cuda(int index) {
        return new ExecutionDevice("CUDA", index, "");
    }

    public boolean isCuda() { return provider.equals("CUDA"); }

    /** As the user writes it: "cpu" or "cuda:N". */
    public String id() {
        return isCuda() ? "cuda:" + index : "cpu";
    }

    /**
     * Where the model ran, in a reader's words ("Running on the CPU: no usable NVIDIA GPU was
     * found."); {@link #note()} keeps the technical details for a tooltip, the log and findings.json.
     */
    public String summary() {
        if (isCuda()) {
            return "Running on NVIDIA GPU " + index + ".";
        }
        return isFallback() ? "Running on the CPU: no usable NVIDIA GPU was found." : "Running on the CPU.";
    }

    /** True when inference had to fall back from what was asked (auto without a usable GPU). */
    public boolean isFallback() { return !note.isEmpty(); }
}
