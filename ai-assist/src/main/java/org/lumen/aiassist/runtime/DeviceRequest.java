// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the user asked inference to run: {@code auto} (CUDA when it initialises, else the CPU),
 * {@code cpu}, or {@code cuda:N} (that GPU or a refusal that says why).
 */
public record DeviceRequest(Kind kind, int cudaDevice) {

    /** The three choices. */
    public enum Kind { AUTO, CPU, CUDA }

    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d{1,3}))?");

    public static final DeviceRequest AUTO = new DeviceRequest(Kind.AUTO, 0);
    public static final DeviceRequest CPU = new DeviceRequest(Kind.CPU, 0);

    public DeviceRequest {
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("a CUDA device number is 0 or more, was " + cudaDevice);
        }
    }

    public static DeviceRequest cuda(int device) {
        return new DeviceRequest(Kind.CUDA, device);
    }

    /**
     * Parses "auto", "cpu", "cuda" or "cuda:N".
     *
     * @throws IllegalArgumentException quoting the text when it is none of these
     */
    public static DeviceRequest parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return CPU;
        }
        Matcher m = CUDA.matcher(t);
        if (m.matches()) {
            return cuda(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("unknown device '" + text + "': use auto, cpu or cuda:N (for example cuda:0)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + cudaDevice;
        };
    }
}
