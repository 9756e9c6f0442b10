// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

/** ONNX tensor element types Lumen names in sentences (TensorProto.DataType codes). */
public enum TensorType {
    UNDEFINED(0), FLOAT(1), UINT8(2), INT8(3), UINT16(4), INT16(5), INT32(6), INT64(7), STRING(8), BOOL(9),
    FLOAT16(10), DOUBLE(11), UINT32(12), UINT64(13), COMPLEX64(14), COMPLEX128(15), BFLOAT16(16);

    private final int code;

    TensorType(int code) {
        this.code = code;
    }

    /** The TensorProto.DataType number. */
    public int code() { return code; }

    /** The type with this code; UNDEFINED for codes Lumen does not know. */
    public static TensorType ofCode(int code) {
        for (TensorType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return UNDEFINED;
    }

    /** As ONNX documents write it, e.g. "float32" for FLOAT. */
    public String displayName() {
        return switch (this) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
