// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** What kind of label a class is drawn as. */
public enum LabelType {
    MASK,
    BOX,
    POINT,
    LINE,
    CLASSIFICATION
}
