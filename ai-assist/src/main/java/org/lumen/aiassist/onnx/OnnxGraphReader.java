// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

import static org.lumen.aiassist.onnx.OnnxFields.*;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the outline of an ONNX model (a serialized ModelProto) straight from the protobuf wire
 * format: enough to tell a real ONNX graph from any other file and to compare the graph's inputs
 * and outputs with a model card, without loading weights or asking ONNX Runtime.
 */
public final class OnnxGraphReader {

    /** Reads {@code file}; the message of the exception names it. */
    public OnnxGraphInfo read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(CodedInputStream.newInstance(in), file.getFileName().toString());
        }
    }

    public OnnxGraphInfo read(byte[] bytes, String name) throws OnnxFormatException {
        try {
            return read(CodedInputStream.newInstance(bytes), name);
        } catch (OnnxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new OnnxFormatException(name + " is not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    private OnnxGraphInfo read(CodedInputStream in, String name) throws IOException {
        in.setSizeLimit(Integer.MAX_VALUE);
        Model model = new Model();
        try {
            readModel(in, model);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(name + " is not a valid ONNX model (it is not a protobuf ModelProto: "
                    + e.getMessage() + ")", e);
        }
        if (model.irVersion <= 0) {
            throw new OnnxFormatException(name + " is not a valid ONNX model: it declares no IR version");
        }
        if (!model.hasGraph) {
            throw new OnnxFormatException(name + " is not a valid ONNX model: it has no graph");
        }
        if (model.opsets.isEmpty()) {
            throw new OnnxFormatException(name + " is not a valid ONNX model: it imports no operator set");
        }
        if (model.graph.outputs.isEmpty()) {
            throw new OnnxFormatException(name + " is not a valid ONNX model: its graph has no outputs");
        }
        List<TensorSpec> inputs = new ArrayList<>();
        for (TensorSpec input : model.graph.inputs) {
            if (!model.graph.initializerNames.contains(input.name())) {
                inputs.add(input);
            }
        }
        return new OnnxGraphInfo(model.irVersion, model.opsets, model.producer, inputs, model.graph.outputs,
                model.graph.operators, model.graph.nodeCount);
    }

    private static final class Model {
        long irVersion;
        boolean hasGraph;
        String producer = "";
        final Map<String, Long> opsets = new LinkedHashMap<>();
        final Graph graph = new Graph();
    }

    private static final class Graph {
        final List<TensorSpec> inputs = new ArrayList<>();
        final List<TensorSpec> outputs = new ArrayList<>();
        final Set<String> initializerNames = new HashSet<>();
        final Set<String> operators = new LinkedHashSet<>();
        int nodeCount;
    }

    private static void readModel(CodedInputStream in, Model model) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (field(tag)) {
                case MODEL_IR_VERSION -> model.irVersion = expect(in, tag, WireFormat.WIRETYPE_VARINT).readInt64();
                case MODEL_PRODUCER_NAME -> model.producer = expect(in, tag, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString();
                case MODEL_GRAPH -> {
                    int limit = in.pushLimit(expect(in, tag, WireFormat.WIRETYPE_LENGTH_DELIMITED).readRawVarint32());
                    readGraph(in, model.graph);
                    in.popLimit(limit);
                    model.hasGraph = true;
                }
                case MODEL_OPSET_IMPORT -> {
                    int limit = in.pushLimit(expect(in, tag, WireFormat.WIRETYPE_LENGTH_DELIMITED).readRawVarint32());
                    String domain = "";
                    long version = 0;
                    int t;
                    while ((t = in.readTag()) != 0) {
                        switch (field(t)) {
                            case OPSET_DOMAIN -> domain = expect(in, t, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString();
                            case OPSET_VERSION -> version = expect(in, t, WireFormat.WIRETYPE_VARINT).readInt64();
                            default -> in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    model.opsets.put(domain, version);
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static void readGraph(CodedInputStream in, Graph graph) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (field(tag)) {
                case GRAPH_NODE -> {
                    int limit = pushMessage(in, tag);
                    graph.operators.add(readNodeOperator(in));
                    graph.nodeCount++;
                    in.popLimit(limit);
                }
                case GRAPH_INITIALIZER -> {
                    int limit = pushMessage(in, tag);
                    int t;
                    while ((t = in.readTag()) != 0) {
                        if (field(t) == TENSOR_NAME) {
                            graph.initializerNames.add(expect(in, t, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString());
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                }
                case GRAPH_INPUT -> {
                    int limit = pushMessage(in, tag);
                    graph.inputs.add(readValueInfo(in));
                    in.popLimit(limit);
                }
                case GRAPH_OUTPUT -> {
                    int limit = pushMessage(in, tag);
                    graph.outputs.add(readValueInfo(in));
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static String readNodeOperator(CodedInputStream in) throws IOException {
        String opType = "";
        String domain = "";
        int t;
        while ((t = in.readTag()) != 0) {
            switch (field(t)) {
                case NODE_OP_TYPE -> opType = expect(in, t, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString();
                case NODE_DOMAIN -> domain = expect(in, t, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString();
                default -> in.skipField(t);
            }
        }
        if (opType.isEmpty()) {
            throw new InvalidProtocolBufferException("a node has no operator type");
        }
        return domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + ":" + opType;
    }

    private static TensorSpec readValueInfo(CodedInputStream in) throws IOException {
        String name = "";
        int elemType = 0;
        List<Long> dims = new ArrayList<>();
        List<String> dimNames = new ArrayList<>();
        int t;
        while ((t = in.readTag()) != 0) {
            switch (field(t)) {
                case VALUE_NAME -> name = expect(in, t, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString();
                case VALUE_TYPE -> {
                    int typeLimit = pushMessage(in, t);
                    int tt;
                    while ((tt = in.readTag()) != 0) {
                        if (field(tt) == TYPE_TENSOR_TYPE) {
                            int tensorLimit = pushMessage(in, tt);
                            int ts;
                            while ((ts = in.readTag()) != 0) {
                                switch (field(ts)) {
                                    case TENSOR_TYPE_ELEM_TYPE -> elemType = expect(in, ts, WireFormat.WIRETYPE_VARINT).readInt32();
                                    case TENSOR_TYPE_SHAPE -> readShape(in, ts, dims, dimNames);
                                    default -> in.skipField(ts);
                                }
                            }
                            in.popLimit(tensorLimit);
                        } else {
                            in.skipField(tt);
                        }
                    }
                    in.popLimit(typeLimit);
                }
                default -> in.skipField(t);
            }
        }
        if (name.isEmpty()) {
            throw new InvalidProtocolBufferException("a graph input or output has no name");
        }
        long[] shape = new long[dims.size()];
        for (int a = 0; a < shape.length; a++) {
            shape[a] = dims.get(a);
        }
        return new TensorSpec(name, TensorType.ofCode(elemType), shape, dimNames);
    }

    private static void readShape(CodedInputStream in, int tag, List<Long> dims, List<String> dimNames) throws IOException {
        int shapeLimit = pushMessage(in, tag);
        int t;
        while ((t = in.readTag()) != 0) {
            if (field(t) != SHAPE_DIM) {
                in.skipField(t);
                continue;
            }
            int dimLimit = pushMessage(in, t);
            long value = -1;
            String param = "";
            int d;
            while ((d = in.readTag()) != 0) {
                switch (field(d)) {
                    case DIM_VALUE -> value = expect(in, d, WireFormat.WIRETYPE_VARINT).readInt64();
                    case DIM_PARAM -> param = expect(in, d, WireFormat.WIRETYPE_LENGTH_DELIMITED).readString();
                    default -> in.skipField(d);
                }
            }
            in.popLimit(dimLimit);
            dims.add(value);
            dimNames.add(param);
        }
        in.popLimit(shapeLimit);
    }

    private static int pushMessage(CodedInputStream in, int tag) throws IOException {
        return in.pushLimit(expect(in, tag, WireFormat.WIRETYPE_LENGTH_DELIMITED).readRawVarint32());
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    /** A known field with the wrong wire type means the bytes are not this message. */
    private static CodedInputStream expect(CodedInputStream in, int tag, int wireType) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("field " + field(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
        return in;
    }
}
