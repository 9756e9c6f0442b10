// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

import static org.lumen.aiassist.onnx.OnnxFields.*;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an ONNX model in protobuf wire format with protobuf-java's {@link CodedOutputStream},
 * field by field from onnx.proto, so Lumen can make real ONNX files (the demo model, test models)
 * without generated classes or Python. The same calls always give the same bytes.
 */
public final class OnnxModelBuilder {

    /** IR version 8 goes with opset 17, which has every operator Lumen's own models use. */
    public static final long IR_VERSION = 8;
    public static final long DEFAULT_OPSET = 17;

    private final String graphName;
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String producerName = "Lumen";
    private String producerVersion = "1";
    private String docString = "";
    private int nodeCount;

    public OnnxModelBuilder(String graphName) {
        this.graphName = Objects.requireNonNull(graphName, "graphName");
        opsets.put("", DEFAULT_OPSET);
    }

    public OnnxModelBuilder opset(String domain, long version) {
        opsets.put(domain, version);
        return this;
    }

    public OnnxModelBuilder producer(String name, String version) {
        this.producerName = name;
        this.producerVersion = version;
        return this;
    }

    public OnnxModelBuilder doc(String text) {
        this.docString = text;
        return this;
    }

    public OnnxModelBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Declares a graph input. Each dimension is a number (fixed) or a string (symbolic, e.g. "N").
     */
    public OnnxModelBuilder input(String name, TensorType type, Object... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    public OnnxModelBuilder output(String name, TensorType type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A float32 constant tensor in the graph, stored little-endian as raw data. */
    public OnnxModelBuilder initializer(String name, long[] dims, float[] values) {
        checkCount(dims, values.length, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, TensorType.FLOAT, dims, raw.array()));
        return this;
    }

    /** An int64 constant tensor (shapes, axes, starts and ends). */
    public OnnxModelBuilder initializer(String name, long[] dims, long[] values) {
        checkCount(dims, values.length, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, TensorType.INT64, dims, raw.array()));
        return this;
    }

    /** A node in the default ONNX domain. */
    public OnnxModelBuilder node(String opType, List<String> nodeInputs, List<String> nodeOutputs, Attribute... attributes) {
        return node("", opType, nodeInputs, nodeOutputs, attributes);
    }

    /** A node; nodes must be added in topological order. */
    public OnnxModelBuilder node(String domain, String opType, List<String> nodeInputs, List<String> nodeOutputs,
                                 Attribute... attributes) {
        nodes.add(message(out -> {
            for (String in : nodeInputs) {
                out.writeString(NODE_INPUT, in);
            }
            for (String o : nodeOutputs) {
                out.writeString(NODE_OUTPUT, o);
            }
            out.writeString(NODE_NAME, opType + "_" + nodeCount);
            out.writeString(NODE_OP_TYPE, opType);
            for (Attribute a : attributes) {
                out.writeByteArray(NODE_ATTRIBUTE, a.encode());
            }
            if (!domain.isEmpty()) {
                out.writeString(NODE_DOMAIN, domain);
            }
        }));
        nodeCount++;
        return this;
    }

    /** The model's bytes: a serialized ModelProto. */
    public byte[] build() {
        byte[] graph = message(out -> {
            for (byte[] node : nodes) {
                out.writeByteArray(GRAPH_NODE, node);
            }
            out.writeString(GRAPH_NAME, graphName);
            for (byte[] init : initializers) {
                out.writeByteArray(GRAPH_INITIALIZER, init);
            }
            for (byte[] in : inputs) {
                out.writeByteArray(GRAPH_INPUT, in);
            }
            for (byte[] o : outputs) {
                out.writeByteArray(GRAPH_OUTPUT, o);
            }
        });
        return message(out -> {
            out.writeInt64(MODEL_IR_VERSION, IR_VERSION);
            out.writeString(MODEL_PRODUCER_NAME, producerName);
            out.writeString(MODEL_PRODUCER_VERSION, producerVersion);
            if (!docString.isEmpty()) {
                out.writeString(MODEL_DOC_STRING, docString);
            }
            out.writeByteArray(MODEL_GRAPH, graph);
            for (Map.Entry<String, Long> opset : opsets.entrySet()) {
                out.writeByteArray(MODEL_OPSET_IMPORT, message(o -> {
                    o.writeString(OPSET_DOMAIN, opset.getKey());
                    o.writeInt64(OPSET_VERSION, opset.getValue());
                }));
            }
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                out.writeByteArray(MODEL_METADATA_PROPS, message(o -> {
                    o.writeString(ENTRY_KEY, entry.getKey());
                    o.writeString(ENTRY_VALUE, entry.getValue());
                }));
            }
        });
    }

    /** A node attribute (AttributeProto). */
    public static final class Attribute {
        private final byte[] encoded;

        private Attribute(byte[] encoded) {
            this.encoded = encoded;
        }

        byte[] encode() { return encoded; }

        public static Attribute of(String name, long value) {
            return new Attribute(message(out -> {
                out.writeString(ATTR_NAME, name);
                out.writeInt64(ATTR_I, value);
                out.writeInt32(ATTR_TYPE, ATTR_TYPE_INT);
            }));
        }

        public static Attribute of(String name, float value) {
            return new Attribute(message(out -> {
                out.writeString(ATTR_NAME, name);
                out.writeFloat(ATTR_F, value);
                out.writeInt32(ATTR_TYPE, ATTR_TYPE_FLOAT);
            }));
        }

        public static Attribute of(String name, String value) {
            return new Attribute(message(out -> {
                out.writeString(ATTR_NAME, name);
                out.writeBytes(ATTR_S, com.google.protobuf.ByteString.copyFromUtf8(value));
                out.writeInt32(ATTR_TYPE, ATTR_TYPE_STRING);
            }));
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(message(out -> {
                out.writeString(ATTR_NAME, name);
                for (long v : values) {
                    out.writeInt64(ATTR_INTS, v);
                }
                out.writeInt32(ATTR_TYPE, ATTR_TYPE_INTS);
            }));
        }

        public static Attribute floats(String name, float... values) {
            return new Attribute(message(out -> {
                out.writeString(ATTR_NAME, name);
                for (float v : values) {
                    out.writeFloat(ATTR_FLOATS, v);
                }
                out.writeInt32(ATTR_TYPE, ATTR_TYPE_FLOATS);
            }));
        }

        /** A tensor-valued attribute, e.g. the value of a Constant node. */
        public static Attribute tensor(String name, long[] dims, float[] values) {
            checkCount(dims, values.length, name);
            ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            byte[] t = OnnxModelBuilder.tensor("", TensorType.FLOAT, dims, raw.array());
            return new Attribute(message(out -> {
                out.writeString(ATTR_NAME, name);
                out.writeByteArray(ATTR_T, t);
                out.writeInt32(ATTR_TYPE, ATTR_TYPE_TENSOR);
            }));
        }
    }

    private static byte[] valueInfo(String name, TensorType type, Object... dims) {
        byte[] shape = message(out -> {
            for (Object d : dims) {
                out.writeByteArray(SHAPE_DIM, message(o -> {
                    if (d instanceof Number n) {
                        o.writeInt64(DIM_VALUE, n.longValue());
                    } else {
                        o.writeString(DIM_PARAM, String.valueOf(d));
                    }
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(TENSOR_TYPE_ELEM_TYPE, type.code());
            out.writeByteArray(TENSOR_TYPE_SHAPE, shape);
        });
        byte[] typeProto = message(out -> out.writeByteArray(TYPE_TENSOR_TYPE, tensorType));
        return message(out -> {
            out.writeString(VALUE_NAME, name);
            out.writeByteArray(VALUE_TYPE, typeProto);
        });
    }

    private static byte[] tensor(String name, TensorType type, long[] dims, byte[] raw) {
        return message(out -> {
            for (long d : dims) {
                out.writeInt64(TENSOR_DIMS, d);
            }
            out.writeInt32(TENSOR_DATA_TYPE, type.code());
            if (!name.isEmpty()) {
                out.writeString(TENSOR_NAME, name);
            }
            out.writeByteArray(TENSOR_RAW_DATA, raw);
        });
    }

    private static void checkCount(long[] dims, int count, String name) {
        long expected = 1;
        for (long d : dims) {
            expected *= d;
        }
        if (expected != count) {
            throw new IllegalArgumentException("tensor " + name + " has " + count + " values for a shape of " + expected);
        }
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.writeTo(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing into memory failed", e);
        }
    }
}
