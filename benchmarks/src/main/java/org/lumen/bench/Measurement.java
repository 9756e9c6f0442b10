// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

/** One measured figure beside its baseline from the same run. */
record Measurement(String name, double value, String unit, String baselineName, Double baselineValue, String note) {

    /** value / baseline, or null without a baseline. */
    Double ratio() {
        return baselineValue == null || baselineValue == 0 ? null : value / baselineValue;
    }
}
