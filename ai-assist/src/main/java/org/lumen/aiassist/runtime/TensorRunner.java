// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs one input-to-output mapping of a session over a fixed input shape with no per-run
 * allocation: the input tensor is backed by a direct {@link FloatBuffer} the caller fills in place.
 * When the output shape is known the output is pinned too (ONNX Runtime writes into a direct buffer
 * of ours); when it is not (detection models with a varying number of boxes) each run copies it.
 * Not thread-safe; one per batch shape.
 */
public final class TensorRunner implements AutoCloseable {

    private final InferenceSession owner;
    private final String inputName;
    private final String outputName;
    private long[] outputShape;
    private final FloatBuffer input;
    private FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;

    TensorRunner(InferenceSession owner, String inputName, long[] inputShape, String outputName, long[] outputShape)
            throws OrtException {
        this.owner = owner;
        this.inputName = inputName;
        this.outputName = outputName;
        this.input = direct(count(inputShape));
        this.inputTensor = OnnxTensor.createTensor(owner.env(), input, inputShape);
        if (outputShape != null) {
            this.outputShape = outputShape.clone();
            this.output = direct(count(outputShape));
            this.outputTensor = OnnxTensor.createTensor(owner.env(), output, outputShape);
        } else {
            this.outputTensor = null;
        }
    }

    /** The input to fill before {@link #run()}: row-major in the input shape. */
    public FloatBuffer input() { return input; }

    /** The output of the last run, row-major in {@link #outputShape()}. */
    public FloatBuffer output() { return output; }

    /** The output's shape (after the first run, for an unpinned output). */
    public long[] outputShape() { return outputShape == null ? null : outputShape.clone(); }

    /**
     * Runs the session once on the input buffer; {@link #output()} holds the result afterwards.
     *
     * @return the nanoseconds spent inside {@code OrtSession.run}
     * @throws NonFiniteOutputException when the output holds NaN or infinite values: every caller (3D and 2D
     *         pipelines, explanations, validation) then refuses the whole result rather than use part of it
     */
    public long run() throws OrtException, NonFiniteOutputException {
        long start = System.nanoTime();
        if (outputTensor != null) {
            long nanos;
            try (OrtSession.Result ignored = owner.session().run(Map.of(inputName, inputTensor), Map.of(outputName, outputTensor))) {
                nanos = System.nanoTime() - start;
                owner.addRunTime(nanos);
            }
            requireFinite();
            return nanos;
        }
        try (OrtSession.Result result = owner.session().run(Map.of(inputName, inputTensor), java.util.Set.of(outputName))) {
            long nanos = System.nanoTime() - start;
            owner.addRunTime(nanos);
            OnnxValue value = result.get(outputName).orElseThrow(() -> new OrtException("the model produced no " + outputName));
            if (!(value instanceof OnnxTensor tensor)) {
                throw new OrtException("the model's output " + outputName + " is not a tensor");
            }
            outputShape = tensor.getInfo().getShape();
            output = tensor.getFloatBuffer();
            requireFinite();
            return nanos;
        }
    }

    /** One pass over the output (well under a millisecond for a 96³ patch, against the run's tens of milliseconds). */
    private void requireFinite() throws NonFiniteOutputException {
        FloatBuffer out = output;
        int n = out.limit();
        long nan = 0;
        long infinite = 0;
        for (int i = 0; i < n; i++) {
            float v = out.get(i);
            if (!Float.isFinite(v)) {
                if (Float.isNaN(v)) {
                    nan++;
                } else {
                    infinite++;
                }
            }
        }
        if (nan + infinite > 0) {
            throw new NonFiniteOutputException(owner.name(), outputName, nan + infinite, nan, n);
        }
    }

    @Override
    public void close() {
        inputTensor.close();
        if (outputTensor != null) {
            outputTensor.close();
        }
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor shapes must be fixed and positive to run, was " + java.util.Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("a tensor of " + n + " values is larger than one buffer can hold");
        }
        return n;
    }

    private static FloatBuffer direct(long count) {
        return ByteBuffer.allocateDirect(Math.toIntExact(count * 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
