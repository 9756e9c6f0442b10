// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A graph input or output as the ONNX file declares it: name, element type and shape. A dimension
 * is a fixed size, or -1 with a symbolic name (for example a dynamic batch "N").
 *
 * @param dims      sizes, -1 where the dimension is symbolic or unknown
 * @param dimNames  the symbolic name of each dimension ("" where fixed or unnamed)
 */
public record TensorSpec(String name, TensorType type, long[] dims, List<String> dimNames) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dims = dims.clone();
        dimNames = List.copyOf(dimNames);
        if (dimNames.size() != dims.length) {
            throw new IllegalArgumentException("one name per dimension: " + dims.length + " dims, " + dimNames.size() + " names");
        }
    }

    /** A spec with fixed dimensions only. */
    public static TensorSpec fixed(String name, TensorType type, long... dims) {
        return new TensorSpec(name, type, dims, java.util.Collections.nCopies(dims.length, ""));
    }

    public int rank() { return dims.length; }

    @Override
    public long[] dims() { return dims.clone(); }

    /** Size of dimension {@code axis}, -1 when symbolic. */
    public long dim(int axis) { return dims[axis]; }

    public boolean isFixed(int axis) { return dims[axis] >= 0; }

    /** The shape as people write it, e.g. [N, 1, 96, 96, 96]. */
    public String shapeText() {
        StringBuilder text = new StringBuilder("[");
        for (int a = 0; a < dims.length; a++) {
            if (a > 0) {
                text.append(", ");
            }
            text.append(dims[a] >= 0 ? Long.toString(dims[a]) : dimNames.get(a).isEmpty() ? "?" : dimNames.get(a));
        }
        return text.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && type == t.type
                && java.util.Arrays.equals(dims, t.dims) && dimNames.equals(t.dimNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, java.util.Arrays.hashCode(dims), dimNames);
    }

    @Override
    public String toString() {
        return name + " " + type.displayName() + " " + shapeText();
    }

    /** Names of several specs, for sentences: "image, mask". */
    public static String names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).collect(Collectors.joining(", "));
    }
}
