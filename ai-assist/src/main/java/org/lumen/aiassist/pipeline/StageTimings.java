// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

/**
 * Where an inference's time went, MONAI Label style: preprocessing (normalisation, resampling,
 * filling input tensors), inference (inside {@code OrtSession.run} only), postprocessing (blending,
 * mapping back onto the series, findings, explanations) and writing the result cache. Loading the
 * model into ONNX Runtime is its own figure, and so is reading a cached result (the only non-zero
 * figure of a result that came from the cache). Filling a batch's tiles and blending the previous
 * batch's output run beside inference, so the stages can add up to more than the wall time.
 */
public record StageTimings(long loadNanos, long preprocessNanos, long inferenceNanos, long postprocessNanos, long writeNanos,
                           long readNanos) {

    public static final StageTimings NONE = new StageTimings(0, 0, 0, 0, 0, 0);

    /** The timings of a computed result (nothing read from the cache). */
    public StageTimings(long loadNanos, long preprocessNanos, long inferenceNanos, long postprocessNanos, long writeNanos) {
        this(loadNanos, preprocessNanos, inferenceNanos, postprocessNanos, writeNanos, 0);
    }

    /** The timings of a result read from the cache. */
    public static StageTimings read(long nanos) {
        return new StageTimings(0, 0, 0, 0, 0, nanos);
    }

    public double loadMs() { return loadNanos / 1e6; }

    public double preprocessMs() { return preprocessNanos / 1e6; }

    public double inferenceMs() { return inferenceNanos / 1e6; }

    public double postprocessMs() { return postprocessNanos / 1e6; }

    public double writeMs() { return writeNanos / 1e6; }

    public double readMs() { return readNanos / 1e6; }

    public double totalMs() {
        return (loadNanos + preprocessNanos + inferenceNanos + postprocessNanos + writeNanos + readNanos) / 1e6;
    }

    public StageTimings withLoad(long nanos) {
        return new StageTimings(nanos, preprocessNanos, inferenceNanos, postprocessNanos, writeNanos, readNanos);
    }

    public StageTimings plusPostprocess(long nanos) {
        return new StageTimings(loadNanos, preprocessNanos, inferenceNanos, postprocessNanos + nanos, writeNanos, readNanos);
    }

    public StageTimings withWrite(long nanos) {
        return new StageTimings(loadNanos, preprocessNanos, inferenceNanos, postprocessNanos, nanos, readNanos);
    }
}
