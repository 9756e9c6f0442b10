// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

/**
 * The kinds of lung nodule radiologists report, as the chest phantom draws them with {@code noduleTypes}: solid (one
 * density), part-solid (a ground-glass sphere around a solid core of half its radius), ground-glass (hazy, −750 to
 * −450 HU), juxtapleural (its centre inside the lung less than its radius from the pleura, so the chest wall cuts it)
 * and juxtavascular (touching a pulmonary vessel; needs the vessel tree).
 */
public enum NoduleType {
    SOLID("solid"),
    PART_SOLID("part-solid"),
    GROUND_GLASS("ground-glass"),
    JUXTAPLEURAL("juxtapleural"),
    JUXTAVASCULAR("juxtavascular");

    /** The solid core of a part-solid nodule: this fraction of its radius, at {@link #CORE_HU}. */
    public static final double CORE_FRACTION = 0.5;
    public static final int CORE_HU = 40;

    private final String code;

    NoduleType(String code) {
        this.code = code;
    }

    /** What the ground truth calls it. */
    public String code() {
        return code;
    }
}
