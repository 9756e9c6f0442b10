// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/**
 * Where an image's pixel spacing comes from, which decides what its measurements may be called
 * (PS3.3 10.7.1.3 for projection radiographs, C.8.5.5 for ultrasound regions).
 */
public enum SpacingSource {
    /** Pixel Spacing (0028,0030) or the Pixel Measures functional group: millimetres in the patient. */
    PATIENT(""),
    /** Imager Pixel Spacing (0018,1164) of a projection radiograph: millimetres at the detector, magnified. */
    DETECTOR(" (detector)"),
    /** Imager Pixel Spacing divided by the Estimated Radiographic Magnification Factor (0018,1114). */
    DETECTOR_MAGNIFICATION_CORRECTED(" (magnification corrected)"),
    /** Physical deltas of the Sequence of Ultrasound Regions (0018,6011): millimetres inside a region only. */
    ULTRASOUND_REGION(""),
    /** The file gives no spacing: measure in pixels. */
    NONE("");

    private final String qualifier;

    SpacingSource(String qualifier) {
        this.qualifier = qualifier;
    }

    /** Said after "mm" so a reader knows the millimetres are not in the patient plane, e.g. " (detector)"; empty otherwise. */
    public String qualifier() {
        return qualifier;
    }
}
