// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How to de-identify: the profile's options; whether images that may carry identifying text in
 * their pixels (see {@link BurnedInText}) were reviewed by a person and may go out; and the regions
 * to blank in such images (where a device writes its text), which a person chose.
 */
public record DeidSettings(Set<DeidOption> options, boolean burnedInTextReviewed, List<PixelRegion> masks) {

    public static final DeidSettings BASIC = new DeidSettings(Set.of(), false);

    public DeidSettings(Set<DeidOption> options, boolean burnedInTextReviewed) {
        this(options, burnedInTextReviewed, List.of());
    }

    public DeidSettings {
        masks = List.copyOf(masks);
        options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
        if (options.contains(DeidOption.RETAIN_LONGITUDINAL_FULL_DATES) && options.contains(DeidOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            throw new IllegalArgumentException("dates are either kept (retain-longitudinal-full-dates) or shifted "
                    + "(retain-longitudinal-modified-dates), not both");
        }
    }

    public boolean has(DeidOption option) {
        return options.contains(option);
    }

    /** PS3.3 (0028,0303): MODIFIED when dates are shifted, UNMODIFIED when kept, REMOVED otherwise. */
    public String longitudinalTemporalInformation() {
        if (has(DeidOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            return "MODIFIED";
        }
        return has(DeidOption.RETAIN_LONGITUDINAL_FULL_DATES) ? "UNMODIFIED" : "REMOVED";
    }
}
