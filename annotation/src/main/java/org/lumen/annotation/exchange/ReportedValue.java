// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.Objects;
import org.lumen.annotation.catalog.Code;

/** A numeric measurement of an SR group: what was measured (a code), its value and its UCUM unit. */
public record ReportedValue(Code concept, double value, Code unit) {

    public static final Code MM = new Code("UCUM", "mm", "millimeter");
    public static final Code MM2 = new Code("UCUM", "mm2", "square millimeter");
    public static final Code MM3 = new Code("UCUM", "mm3", "cubic millimeter");
    public static final Code DEGREES = new Code("UCUM", "deg", "degree");
    public static final Code HOUNSFIELD = new Code("UCUM", "[hnsf'U]", "Hounsfield unit");
    public static final Code NO_UNITS = new Code("UCUM", "1", "no units");

    public static final Code LENGTH = new Code("SCT", "410668003", "Length");
    public static final Code AREA = new Code("SCT", "42798000", "Area");
    public static final Code VOLUME = new Code("SCT", "118565006", "Volume");
    public static final Code ANGLE = new Code("SCT", "1483009", "Angle");
    public static final Code DIAMETER = new Code("SCT", "81827009", "Diameter");
    public static final Code MEAN = new Code("SCT", "373098007", "Mean");
    public static final Code STANDARD_DEVIATION = new Code("SCT", "386136009", "Standard Deviation");
    public static final Code MINIMUM = new Code("SCT", "255605001", "Minimum");
    public static final Code MAXIMUM = new Code("SCT", "56851009", "Maximum");
    public static final Code PERCENT = new Code("UCUM", "%", "Percent");
    /** DCM 111012, as CAD reports give a finding's confidence: a model's score (0–1) written as a percentage. */
    public static final Code CERTAINTY_OF_FINDING = new Code("DCM", "111012", "Certainty of Finding");

    public ReportedValue {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(concept.meaning() + " is not a finite number: " + value);
        }
    }
}
