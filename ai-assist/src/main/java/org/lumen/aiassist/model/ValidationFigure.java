// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

/**
 * A figure the model's author reports (sensitivity, Dice, AUC…), shown on the model panel as the
 * author gave it: Lumen does not check it.
 *
 * @param dataset where it was measured; "" when the card does not say
 */
public record ValidationFigure(String metric, double value, String dataset, String note) {
}
