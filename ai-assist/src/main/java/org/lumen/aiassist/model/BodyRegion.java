// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body regions an intended use can name, how the DICOM Body Part Examined terms and the words of
 * study and series descriptions map onto them, and the smallest in-plane field of view that can hold
 * the whole region in an adult. docs/ai.md lists the same tables.
 */
public enum BodyRegion {
    HEAD("head", Double.NaN),
    NECK("neck", Double.NaN),
    CHEST("chest", 260),
    ABDOMEN("abdomen", 260),
    PELVIS("pelvis", 260),
    SPINE("spine", Double.NaN),
    BREAST("breast", Double.NaN),
    EXTREMITY("an extremity", Double.NaN),
    EYE("the eye", Double.NaN);

    private final String label;
    private final double minFieldOfViewMm;

    BodyRegion(String label, double minFieldOfViewMm) {
        this.label = label;
        this.minFieldOfViewMm = minFieldOfViewMm;
    }

    /** "the chest", for sentences. */
    public String label() {
        return this == EXTREMITY ? label : "the " + label;
    }

    /**
     * The narrowest in-plane field of view (mm) a series of this whole region has in an adult, NaN
     * when Lumen makes no such claim: an adult chest, abdomen or pelvis is wider than 260 mm, so a
     * series reconstructed on a smaller field (a head is about 150-250 mm across) cannot show it whole.
     */
    public double minFieldOfViewMm() { return minFieldOfViewMm; }

    /** Body Part Examined (0018,0015) defined terms (DICOM PS3.16 CID 4031 and common variants). */
    private static final Map<String, Set<BodyRegion>> BODY_PART_TERMS = Map.ofEntries(
            Map.entry("HEAD", EnumSet.of(HEAD)), Map.entry("BRAIN", EnumSet.of(HEAD)), Map.entry("SKULL", EnumSet.of(HEAD)),
            Map.entry("FACE", EnumSet.of(HEAD)), Map.entry("JAW", EnumSet.of(HEAD)), Map.entry("ORBIT", EnumSet.of(HEAD)),
            Map.entry("SINUS", EnumSet.of(HEAD)), Map.entry("EAR", EnumSet.of(HEAD)), Map.entry("IAC", EnumSet.of(HEAD)),
            Map.entry("TMJ", EnumSet.of(HEAD)), Map.entry("NOSE", EnumSet.of(HEAD)),
            Map.entry("NECK", EnumSet.of(NECK)), Map.entry("LARYNX", EnumSet.of(NECK)), Map.entry("THYROID", EnumSet.of(NECK)),
            Map.entry("HEADNECK", EnumSet.of(HEAD, NECK)),
            Map.entry("CHEST", EnumSet.of(CHEST)), Map.entry("THORAX", EnumSet.of(CHEST)), Map.entry("LUNG", EnumSet.of(CHEST)),
            Map.entry("HEART", EnumSet.of(CHEST)), Map.entry("RIB", EnumSet.of(CHEST)), Map.entry("STERNUM", EnumSet.of(CHEST)),
            Map.entry("CLAVICLE", EnumSet.of(CHEST)), Map.entry("NECKCHEST", EnumSet.of(NECK, CHEST)),
            Map.entry("CHESTABDOMEN", EnumSet.of(CHEST, ABDOMEN)),
            Map.entry("CHESTABDPELVIS", EnumSet.of(CHEST, ABDOMEN, PELVIS)),
            Map.entry("ABDOMEN", EnumSet.of(ABDOMEN)), Map.entry("LIVER", EnumSet.of(ABDOMEN)), Map.entry("KIDNEY", EnumSet.of(ABDOMEN)),
            Map.entry("PANCREAS", EnumSet.of(ABDOMEN)), Map.entry("ABDOMENPELVIS", EnumSet.of(ABDOMEN, PELVIS)),
            Map.entry("PELVIS", EnumSet.of(PELVIS)), Map.entry("HIP", EnumSet.of(PELVIS)), Map.entry("BLADDER", EnumSet.of(PELVIS)),
            Map.entry("PROSTATE", EnumSet.of(PELVIS)), Map.entry("SSPINE", EnumSet.of(SPINE)), Map.entry("COCCYX", EnumSet.of(SPINE)),
            Map.entry("SPINE", EnumSet.of(SPINE)), Map.entry("CSPINE", EnumSet.of(SPINE)), Map.entry("TSPINE", EnumSet.of(SPINE)),
            Map.entry("LSPINE", EnumSet.of(SPINE)),
            Map.entry("BREAST", EnumSet.of(BREAST)),
            Map.entry("EXTREMITY", EnumSet.of(EXTREMITY)), Map.entry("SHOULDER", EnumSet.of(EXTREMITY)),
            Map.entry("ARM", EnumSet.of(EXTREMITY)), Map.entry("ELBOW", EnumSet.of(EXTREMITY)), Map.entry("WRIST", EnumSet.of(EXTREMITY)),
            Map.entry("HAND", EnumSet.of(EXTREMITY)), Map.entry("LEG", EnumSet.of(EXTREMITY)), Map.entry("KNEE", EnumSet.of(EXTREMITY)),
            Map.entry("ANKLE", EnumSet.of(EXTREMITY)), Map.entry("FOOT", EnumSet.of(EXTREMITY)),
            Map.entry("EYE", EnumSet.of(EYE)), Map.entry("RETINA", EnumSet.of(EYE)), Map.entry("FUNDUS", EnumSet.of(EYE)),
            Map.entry("WHOLEBODY", EnumSet.of(HEAD, NECK, CHEST, ABDOMEN, PELVIS)));

    /** Words in study and series descriptions that name a region; anything else names none. */
    private static final Map<String, BodyRegion> DESCRIPTION_WORDS = Map.ofEntries(
            Map.entry("HEAD", HEAD), Map.entry("BRAIN", HEAD), Map.entry("SKULL", HEAD), Map.entry("CRANIAL", HEAD),
            Map.entry("CRANIUM", HEAD), Map.entry("CEREBRAL", HEAD), Map.entry("NEURO", HEAD), Map.entry("ORBITS", HEAD),
            Map.entry("SINUSES", HEAD), Map.entry("FACIAL", HEAD),
            Map.entry("NECK", NECK), Map.entry("THYROID", NECK),
            Map.entry("CHEST", CHEST), Map.entry("THORAX", CHEST), Map.entry("THORACIC", CHEST), Map.entry("LUNG", CHEST),
            Map.entry("LUNGS", CHEST), Map.entry("PULMONARY", CHEST), Map.entry("CTPA", CHEST),
            Map.entry("ABDOMEN", ABDOMEN), Map.entry("ABDOMINAL", ABDOMEN), Map.entry("ABD", ABDOMEN), Map.entry("LIVER", ABDOMEN),
            Map.entry("RENAL", ABDOMEN), Map.entry("KIDNEY", ABDOMEN), Map.entry("KIDNEYS", ABDOMEN), Map.entry("PANCREAS", ABDOMEN),
            Map.entry("PELVIS", PELVIS), Map.entry("PELVIC", PELVIS), Map.entry("HIP", PELVIS), Map.entry("HIPS", PELVIS),
            Map.entry("PROSTATE", PELVIS),
            Map.entry("SPINE", SPINE), Map.entry("SPINAL", SPINE), Map.entry("LUMBAR", SPINE), Map.entry("CSPINE", SPINE),
            Map.entry("TSPINE", SPINE), Map.entry("LSPINE", SPINE),
            Map.entry("BREAST", BREAST), Map.entry("MAMMO", BREAST), Map.entry("MAMMOGRAPHY", BREAST),
            Map.entry("KNEE", EXTREMITY), Map.entry("ANKLE", EXTREMITY), Map.entry("WRIST", EXTREMITY), Map.entry("HAND", EXTREMITY),
            Map.entry("FOOT", EXTREMITY), Map.entry("SHOULDER", EXTREMITY), Map.entry("ELBOW", EXTREMITY), Map.entry("FEMUR", EXTREMITY),
            Map.entry("EYE", EYE), Map.entry("EYES", EYE), Map.entry("FUNDUS", EYE), Map.entry("RETINA", EYE), Map.entry("RETINAL", EYE));

    /** The regions a Body Part Examined value names; empty when the term is absent or not one Lumen knows. */
    public static Set<BodyRegion> ofBodyPartExamined(String term) {
        if (term == null || term.isBlank()) {
            return Set.of();
        }
        String key = term.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        return BODY_PART_TERMS.getOrDefault(key, Set.of());
    }

    /** The regions named by whole words of a description ("1A TRAUMA/PLAIN HEAD DM" names the head). */
    public static Set<BodyRegion> ofDescription(String description) {
        Set<BodyRegion> regions = new LinkedHashSet<>();
        if (description == null) {
            return regions;
        }
        for (String word : description.toUpperCase(Locale.ROOT).split("[^A-Z]+")) {
            BodyRegion r = DESCRIPTION_WORDS.get(word);
            if (r != null) {
                regions.add(r);
            }
        }
        return regions;
    }

    /** A card's body part: a region's name or a Body Part Examined term ("CHEST", "chest", "LUNG"). */
    public static Optional<Set<BodyRegion>> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        for (BodyRegion r : values()) {
            if (r.name().equals(key)) {
                return Optional.of(EnumSet.of(r));
            }
        }
        Set<BodyRegion> byTerm = ofBodyPartExamined(text);
        return byTerm.isEmpty() ? Optional.empty() : Optional.of(byTerm);
    }
}
