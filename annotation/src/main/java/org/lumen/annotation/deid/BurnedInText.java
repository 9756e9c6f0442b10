// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.util.Locale;
import java.util.Optional;

/**
 * Images whose pixels may show a name or a date, which no header rule can remove: those that say so
 * (Burned In Annotation YES), and the kinds that usually do (ultrasound, secondary captures and
 * screenshots). They are held back for a person to look at, never sent out on the profile's word.
 */
public final class BurnedInText {

    private static final String SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7";

    private BurnedInText() { }

    /** Why this image may carry identifying text in its pixels, or empty. */
    public static Optional<String> risk(String burnedInAnnotation, String modality, String sopClassUid, String imageType) {
        if (burnedInAnnotation != null && burnedInAnnotation.trim().equalsIgnoreCase("YES")) {
            return Optional.of("it says it has burned-in annotation (Burned In Annotation YES)");
        }
        String m = modality == null ? "" : modality.trim().toUpperCase(Locale.ROOT);
        if (m.equals("US")) {
            return Optional.of("ultrasound images usually show the patient's name and the date in their pixels");
        }
        if (sopClassUid != null && sopClassUid.trim().startsWith(SECONDARY_CAPTURE_PREFIX) || m.equals("SC") || m.equals("OT")) {
            return Optional.of("secondary captures and screenshots often show identifying text in their pixels");
        }
        if (imageType != null && imageType.toUpperCase(Locale.ROOT).contains("SCREEN SAVE")) {
            return Optional.of("screen saves show what was on a screen, often with identifying text");
        }
        return Optional.empty();
    }
}
