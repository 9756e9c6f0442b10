// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

/**
 * Where an inference's time went, MONAI Label style: preprocessing (normalisation, resampling,
 * filling input tensors), inference (inside {@code OrtSession.run} only), postprocessing (blending,
 * mapping back onto the series, findings, explanations) and writing the result cache. Loading the
 * model into ONNX Runtime is its own figure.
 */
public record StageTimings(long loadNanos, long preprocessNanos, long inferenceNanos, long postprocessNanos, long writeNanos) {

    public static final StageTimings NONE = new StageTimings(0, 0, 0, 0, 0);

    public double loadMs() { return loadNanos / 1e6; }

    public double preprocessMs() { return preprocessNanos / 1e6; }

    public double inferenceMs() { return inferenceNanos / 1e6; }

    public double postprocessMs() { return postprocessNanos / 1e6; }

    public double writeMs() { return writeNanos / 1e6; }

    public double totalMs() {
        return (loadNanos + preprocessNanos + inferenceNanos + postprocessNanos + writeNanos) / 1e6;
    }

    public StageTimings withLoad(long nanos) {
        return new StageTimings(nanos, preprocessNanos, inferenceNanos, postprocessNanos, writeNanos);
    }

    public StageTimings plusPostprocess(long nanos) {
        return new StageTimings(loadNanos, preprocessNanos, inferenceNanos, postprocessNanos + nanos, writeNanos);
    }

    public StageTimings withWrite(long nanos) {
        return new StageTimings(loadNanos, preprocessNanos, inferenceNanos, postprocessNanos, nanos);
    }
}
