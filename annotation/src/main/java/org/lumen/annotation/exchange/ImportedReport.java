// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.List;
import org.lumen.annotation.catalog.Code;

/**
 * A structured report read from a file: its title and template, the TID 1500 measurement groups
 * found in it (none for other kinds of report), and how many numeric values it holds in all.
 *
 * @param templateId the root's template identifier ("1500" for a Measurement Report), or null
 */
public record ImportedReport(String sopInstanceUid, String sopClassUid, Code title, String templateId, List<Observer> observers,
                             List<Group> groups, int numericValues) {

    public ImportedReport {
        observers = List.copyOf(observers);
        groups = List.copyOf(groups);
    }

    /**
     * An observer of the whole report (its root observation context): a person or a device.
     *
     * @param serialNumber a device's serial number (Lumen writes "sha256:" and the model file's hash), or null
     */
    public record Observer(boolean device, String name, String serialNumber) { }

    /**
     * One measurement group: tracking identifier and UID, finding, values, regions, qualitative evaluations,
     * and the algorithm that made it (TID 4019; null for a person's group).
     */
    public record Group(String trackingId, String trackingUid, Code finding, List<Value> values, List<Region> regions,
                        List<Evaluation> evaluations, String algorithmName, String algorithmVersion) {

        public Group {
            values = List.copyOf(values);
            regions = List.copyOf(regions);
            evaluations = List.copyOf(evaluations);
        }
    }

    /** A numeric value with what it measures and its unit. */
    public record Value(Code concept, double value, Code unit) { }

    /**
     * A spatial coordinate: SCOORD3D in patient mm (frame of reference given) or SCOORD in pixels of an image.
     *
     * @param coordinates x, y(, z) of each point in turn
     */
    public record Region(Code concept, String valueType, String graphicType, double[] coordinates, String frameOfReferenceUid,
                         String referencedSopInstanceUid) { }

    /** A coded qualitative evaluation (a decision, a property) and the person who made it, if the report names one. */
    public record Evaluation(Code concept, Code value, String observerName, String observedAt) { }
}
