// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

/**
 * Field numbers of the onnx.proto messages Lumen reads and writes (onnx/onnx.proto, proto2). Kept
 * in one place so the writer and the reader cannot disagree.
 */
final class OnnxFields {

    private OnnxFields() { }

    // ModelProto
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_PRODUCER_VERSION = 3;
    static final int MODEL_DOMAIN = 4;
    static final int MODEL_VERSION = 5;
    static final int MODEL_DOC_STRING = 6;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;
    static final int MODEL_METADATA_PROPS = 14;

    // OperatorSetIdProto
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;

    // StringStringEntryProto
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;

    // GraphProto
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_DOC_STRING = 10;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;

    // NodeProto
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOMAIN = 7;

    // AttributeProto and its AttributeType values
    static final int ATTR_NAME = 1;
    static final int ATTR_F = 2;
    static final int ATTR_I = 3;
    static final int ATTR_S = 4;
    static final int ATTR_T = 5;
    static final int ATTR_FLOATS = 7;
    static final int ATTR_INTS = 8;
    static final int ATTR_TYPE = 20;
    static final int ATTR_TYPE_FLOAT = 1;
    static final int ATTR_TYPE_INT = 2;
    static final int ATTR_TYPE_STRING = 3;
    static final int ATTR_TYPE_TENSOR = 4;
    static final int ATTR_TYPE_FLOATS = 6;
    static final int ATTR_TYPE_INTS = 7;

    // TensorProto
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;

    // ValueInfoProto
    static final int VALUE_NAME = 1;
    static final int VALUE_TYPE = 2;

    // TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    static final int TYPE_TENSOR_TYPE = 1;
    static final int TENSOR_TYPE_ELEM_TYPE = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;
}
