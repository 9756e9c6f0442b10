// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lumen.aiassist.onnx.TensorSpec;
import org.lumen.aiassist.onnx.TensorType;
import org.lumen.task.BigStack;

/**
 * An ONNX model loaded into ONNX Runtime on one execution provider. Opening it is where the device
 * is chosen: {@code auto} tries CUDA and falls back to the CPU with a note that says why,
 * {@code cuda:N} fails with that sentence instead, {@code cpu} never touches CUDA. Like QuPath's
 * DnnModel it is AutoCloseable: native memory is freed on close, not by the garbage collector.
 */
public final class InferenceSession implements AutoCloseable {

    private static final Pattern NOT_REGISTERED = Pattern.compile("No Op registered for ([A-Za-z0-9_.]+)");
    private static final Pattern NO_IMPLEMENTATION = Pattern.compile("Could not find an implementation for ([A-Za-z0-9_.]+)\\(");

    private static final String NO_CUDA_BUILD = "this ONNX Runtime build has no CUDA provider (Lumen was built with the "
            + "CPU-only onnxruntime artifact; the -Pgpu build uses onnxruntime_gpu, which needs CUDA 12 and cuDNN 9)";

    private static volatile OrtEnvironment environment;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ExecutionDevice device;
    private final String name;
    private long runNanos;
    private long runs;

    private InferenceSession(OrtEnvironment env, OrtSession session, ExecutionDevice device, String name) {
        this.env = env;
        this.session = session;
        this.device = device;
        this.name = name;
    }

    /** The process-wide ONNX Runtime environment; ONNX Runtime's own log is kept to fatal errors (Lumen reports the rest). */
    static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env == null) {
            synchronized (InferenceSession.class) {
                env = environment;
                if (env == null) {
                    env = BigStack.run("lumen-onnxruntime-init",
                            () -> OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "lumen"));
                    environment = env;
                }
            }
        }
        return env;
    }

    /**
     * Loads {@code model} on the requested device.
     *
     * @throws DeviceUnavailableException when {@code cuda:N} was asked for and CUDA cannot be used (the message says why)
     * @throws ModelLoadException when ONNX Runtime cannot load the model even on the CPU
     */
    public static InferenceSession open(Path model, DeviceRequest request) throws DeviceUnavailableException, ModelLoadException {
        return open(model, request, String.valueOf(model));
    }

    /**
     * As {@link #open(Path, DeviceRequest)}, the model called {@code name} in what its runs report (its card's name and
     * version: a model that returns non-finite values is refused by that name).
     */
    public static InferenceSession open(Path model, DeviceRequest request, String name) throws DeviceUnavailableException, ModelLoadException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        OrtEnvironment env = environment();
        String cudaProblem = null;
        if (request.kind() != DeviceRequest.Kind.CPU) {
            int index = request.kind() == DeviceRequest.Kind.CUDA ? request.cudaDevice() : 0;
            try {
                return new InferenceSession(env, createCuda(env, model, index), ExecutionDevice.cuda(index), name);
            } catch (CudaUnusable e) {
                cudaProblem = e.getMessage();
            }
            if (request.kind() == DeviceRequest.Kind.CUDA) {
                throw new DeviceUnavailableException(request + " was requested but CUDA cannot be used: " + cudaProblem);
            }
        }
        OrtSession cpu = createCpu(env, model);
        String note = cudaProblem == null ? "" : "CUDA is not usable: " + cudaProblem + "; running on the CPU";
        return new InferenceSession(env, cpu, ExecutionDevice.cpu(note), name);
    }

    /**
     * Fails with the sentence {@link #open} would give when {@code cuda:N} cannot be used, without
     * loading a model: asks ONNX Runtime to set up the CUDA provider and lets it go again. Lets a
     * cached result not hide an explicit request for a GPU that is not there.
     */
    public static void requireCuda(int index) throws DeviceUnavailableException {
        environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(index);
        } catch (OrtException | RuntimeException e) {
            throw new DeviceUnavailableException("cuda:" + index + " was requested but CUDA cannot be used: "
                    + (cudaBuild() ? "the CUDA provider did not initialise for device " + index : NO_CUDA_BUILD)
                    + " [ONNX Runtime: " + firstLine(e.getMessage()) + "]");
        }
    }

    /** Whether this ONNX Runtime build has the CUDA provider compiled in (the onnxruntime_gpu artifact). */
    public static boolean cudaBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    public ExecutionDevice device() { return device; }

    /** The model as its runs name it (its card's name and version, or its ONNX file). */
    public String name() { return name; }

    /** The graph's inputs as ONNX Runtime sees them. */
    public List<TensorSpec> inputs() throws OrtException {
        return specs(session.getInputInfo());
    }

    public List<TensorSpec> outputs() throws OrtException {
        return specs(session.getOutputInfo());
    }

    /**
     * A runner with its own direct input and output buffers of fixed shapes, reused for every
     * run: the input is filled in place, ONNX Runtime writes the output in place.
     *
     * @param outputShape null when the output's shape is only known after a run (it is then copied)
     */
    public TensorRunner runner(String input, long[] inputShape, String output, long[] outputShape) throws OrtException {
        return new TensorRunner(this, input, inputShape, output, outputShape);
    }

    OrtEnvironment env() { return env; }

    OrtSession session() { return session; }

    void addRunTime(long nanos) {
        runNanos += nanos;
        runs++;
    }

    /** Total time spent inside {@code OrtSession.run} by this session's runners. */
    public long runNanos() { return runNanos; }

    public long runCount() { return runs; }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing to do: the native session is gone or going.
        }
    }

    private static OrtSession createCuda(OrtEnvironment env, Path model, int index) throws CudaUnusable, ModelLoadException {
        String build = cudaBuild() ? "" : NO_CUDA_BUILD;
        try (OrtSession.SessionOptions options = options()) {
            try {
                options.addCUDA(index);
            } catch (OrtException | RuntimeException e) {
                throw new CudaUnusable((build.isEmpty() ? "the CUDA provider did not initialise for device " + index
                        : build) + " [ONNX Runtime: " + firstLine(e.getMessage()) + "]");
            }
            try {
                return BigStack.run("lumen-onnxruntime-load", () -> env.createSession(model.toString(), options));
            } catch (OrtException e) {
                // Either the GPU or the model is at fault: loading on the CPU tells which
                // (createCpu throws ModelLoadException when it is the model).
                closeQuietly(createCpu(env, model));
                throw new CudaUnusable("ONNX Runtime could not start a session on CUDA device " + index + ": "
                        + firstLine(e.getMessage()));
            }
        } catch (OrtException e) {
            throw new CudaUnusable(firstLine(e.getMessage()));
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Only a probe: nothing depends on it.
        }
    }

    private static OrtSession createCpu(OrtEnvironment env, Path model) throws ModelLoadException {
        try (OrtSession.SessionOptions options = options()) {
            return BigStack.run("lumen-onnxruntime-load", () -> env.createSession(model.toString(), options));
        } catch (OrtException e) {
            String message = firstLine(e.getMessage());
            String op = operatorIn(message);
            String sentence = op != null
                    ? "ONNX Runtime cannot run this model: it uses the operator " + op + ", which ONNX Runtime "
                    + env.getVersion() + " does not implement (" + message + ")"
                    : "ONNX Runtime cannot load this model: " + message;
            throw new ModelLoadException(sentence, op, e);
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** The operator an ONNX Runtime load error is about, or null. */
    static String operatorIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = NOT_REGISTERED.matcher(message);
        if (m.find()) {
            return m.group(1);
        }
        m = NO_IMPLEMENTATION.matcher(message);
        if (m.find()) {
            return m.group(1);
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse(message).strip()
                .replaceFirst("^Error code - (\\w+) - message: ", "$1: ");
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo info : infos.values()) {
            if (info.getInfo() instanceof TensorInfo t) {
                String[] names = t.getDimensionNames();
                List<String> dimNames = new ArrayList<>();
                for (int a = 0; a < t.getShape().length; a++) {
                    dimNames.add(names != null && a < names.length && names[a] != null ? names[a] : "");
                }
                specs.add(new TensorSpec(info.getName(), typeOf(t.onnxType), t.getShape(), dimNames));
            }
        }
        return specs;
    }

    /** ONNX Runtime's Java enum numbers its types its own way; the names match ONNX's. */
    private static TensorType typeOf(TensorInfo.OnnxTensorType type) {
        String name = type.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
        for (TensorType t : TensorType.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return TensorType.UNDEFINED;
    }

    /** CUDA could not be used; the message is the reason, for a note or a refusal. */
    private static final class CudaUnusable extends Exception {
        CudaUnusable(String message) {
            super(message, null, false, false);
        }
    }
}
