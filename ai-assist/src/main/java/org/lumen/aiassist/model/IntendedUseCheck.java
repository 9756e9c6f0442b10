// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.lumen.aiassist.model.IntendedUse.ValueRange;

/**
 * Checks a series against a model's intended use before a run, JavaFX-free and from plain data.
 * Every failed criterion gives one sentence ("its Body Part Examined is BRAIN (the head); the model is
 * for the chest"). The body part is judged from three independent sources, each of which can only
 * refuse when it positively names something else: Body Part Examined, the study and the series
 * description (whole words, {@link BodyRegion}), and the in-plane field of view, which cannot hold
 * a whole region narrower than it (an adult chest is wider than 260 mm; a head is about 150-250 mm).
 * Silent sources give a note, not a refusal. docs/ai.md states the rules.
 */
public final class IntendedUseCheck {

    private IntendedUseCheck() { }

    public static IntendedUseAssessment check(IntendedUse use, SeriesFacts s) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!use.declared()) {
            notes.add("the model card declares no checkable intended use, so Lumen could not check that this series suits it");
            return new IntendedUseAssessment(IntendedUseAssessment.Verdict.UNDECLARED, reasons, notes);
        }
        modality(use, s, reasons, notes);
        bodyPart(use, s, reasons, notes);
        if (use.sliceThickness() != null) {
            if (s.sliceThicknessMm() == null) {
                notes.add("the file gives no slice thickness");
            } else if (!use.sliceThickness().contains(s.sliceThicknessMm())) {
                reasons.add("its slices are " + IntendedUse.mm(s.sliceThicknessMm()) + " thick; the model is for slices "
                        + use.sliceThickness().describe() + " thick");
            }
        }
        if (use.sliceSpacing() != null) {
            if (s.sliceSpacingMm() == null) {
                notes.add("the series has no slice spacing (a single image or no positions)");
            } else if (!use.sliceSpacing().contains(s.sliceSpacingMm())) {
                reasons.add("its slices are " + IntendedUse.mm(s.sliceSpacingMm()) + " apart; the model is for slices "
                        + use.sliceSpacing().describe() + " apart");
            }
        }
        if (use.regularVolume() && !s.regularVolume()) {
            reasons.add("its slices do not form a regular volume" + (s.volumeNote() == null ? "" : " (" + s.volumeNote() + ")")
                    + "; the model needs one");
        }
        if (use.valueRange() != null) {
            values(use.valueRange(), s, reasons, notes);
        }
        return new IntendedUseAssessment(reasons.isEmpty() ? IntendedUseAssessment.Verdict.WITHIN : IntendedUseAssessment.Verdict.OUTSIDE,
                reasons, notes);
    }

    /**
     * Checks one 2D image against a 2D image model's intended use and colour: modality, body part
     * (Body Part Examined and the descriptions), SOP class, view and laterality, and whether the image's
     * colour is the model's. Each failed criterion gives one sentence; a criterion the file is silent on
     * gives a note. Slice and value criteria of volume models do not apply to a single image and are noted.
     *
     * @param contract the card's image contract, or null to leave colour unchecked
     */
    public static IntendedUseAssessment check(IntendedUse use, ImageFacts f, ImageContract contract) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (contract != null && contract.colour() == ImageContract.Colour.RGB && !f.colour()) {
            reasons.add("it is a greyscale image (" + orNone(f.photometric()) + "); the model reads colour (RGB) images");
        } else if (contract != null && contract.colour() == ImageContract.Colour.GREY && f.colour()) {
            reasons.add("it is a colour image (" + orNone(f.photometric()) + "); the model reads greyscale images");
        }
        if (!use.declared()) {
            notes.add("the model card declares no checkable intended use, so Lumen could not check that this image suits it");
            return new IntendedUseAssessment(reasons.isEmpty() ? IntendedUseAssessment.Verdict.UNDECLARED
                    : IntendedUseAssessment.Verdict.OUTSIDE, reasons, notes);
        }
        SeriesFacts asSeries = new SeriesFacts(f.modality(), f.bodyPartExamined(), f.studyDescription(), f.seriesDescription(),
                null, null, false, null, null, null);
        modality(use, asSeries, reasons, notes);
        bodyPart(use, asSeries, reasons, notes);
        if (!use.sopClasses().isEmpty() && !use.sopClasses().contains(f.sopClassUid() == null ? "" : f.sopClassUid().strip())) {
            reasons.add("its SOP class is " + (f.sopClassUid() == null ? "not given" : f.sopClassUid()) + "; the model is for "
                    + String.join(" or ", use.sopClasses()));
        }
        listed("View Position", "view", f.viewPosition(), use.views(), reasons, notes);
        listed("laterality", "laterality", f.laterality(), use.lateralities(), reasons, notes);
        if (use.sliceThickness() != null || use.sliceSpacing() != null || use.regularVolume() || use.valueRange() != null) {
            notes.add("the card's slice and value criteria apply to volumes, not to a single image, and were not checked");
        }
        return new IntendedUseAssessment(reasons.isEmpty() ? IntendedUseAssessment.Verdict.WITHIN : IntendedUseAssessment.Verdict.OUTSIDE,
                reasons, notes);
    }

    private static void listed(String attribute, String what, String value, List<String> allowed, List<String> reasons, List<String> notes) {
        if (allowed.isEmpty()) {
            return;
        }
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            reasons.add("the file gives no " + attribute + "; the model is for " + what + " " + String.join(" or ", allowed));
        } else if (!allowed.contains(v)) {
            reasons.add("its " + attribute + " is " + v + "; the model is for " + what + " " + String.join(" or ", allowed));
        }
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "no Photometric Interpretation given" : s.strip();
    }

    private static void modality(IntendedUse use, SeriesFacts s, List<String> reasons, List<String> notes) {
        if (use.modalities().isEmpty()) {
            return;
        }
        String modality = s.modality() == null ? "" : s.modality().strip().toUpperCase(Locale.ROOT);
        if (modality.isEmpty()) {
            reasons.add("the file gives no modality; the model is for " + String.join(" or ", use.modalities()));
        } else if (!use.modalities().contains(modality)) {
            reasons.add("its modality is " + modality + "; the model is for " + String.join(" or ", use.modalities()));
        }
    }

    private static void bodyPart(IntendedUse use, SeriesFacts s, List<String> reasons, List<String> notes) {
        Set<BodyRegion> wanted = use.bodyParts();
        if (wanted.isEmpty()) {
            return;
        }
        String forWhat = "the model is for " + names(wanted);
        boolean confirmed = false;
        Set<BodyRegion> tag = BodyRegion.ofBodyPartExamined(s.bodyPartExamined());
        if (!tag.isEmpty()) {
            if (overlaps(tag, wanted)) {
                confirmed = true;
            } else {
                reasons.add("its Body Part Examined is " + s.bodyPartExamined().strip() + " (" + names(tag) + "); " + forWhat);
            }
        }
        confirmed |= description("study", s.studyDescription(), wanted, forWhat, reasons);
        confirmed |= description("series", s.seriesDescription(), wanted, forWhat, reasons);
        double needed = wanted.stream().mapToDouble(BodyRegion::minFieldOfViewMm).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        boolean everyRegionHasAWidth = wanted.stream().noneMatch(r -> Double.isNaN(r.minFieldOfViewMm()));
        if (s.fieldOfViewMm() != null && everyRegionHasAWidth && s.fieldOfViewMm() < needed) {
            reasons.add(String.format(Locale.ROOT, "its field of view is %.0f mm across, too small to hold %s (at least %.0f mm in an "
                    + "adult; a head is about 150-250 mm across); %s", s.fieldOfViewMm(), names(wanted), needed, forWhat));
        }
        if (!confirmed && reasons.isEmpty()) {
            notes.add("neither Body Part Examined nor the descriptions say the series shows " + names(wanted)
                    + (s.fieldOfViewMm() == null ? "" : String.format(Locale.ROOT, "; its %.0f mm field of view does not rule it out",
                    s.fieldOfViewMm())));
        }
    }

    /** True when the description names a wanted region; adds a reason when it names only others. */
    private static boolean description(String which, String text, Set<BodyRegion> wanted, String forWhat, List<String> reasons) {
        Set<BodyRegion> named = BodyRegion.ofDescription(text);
        if (named.isEmpty()) {
            return false;
        }
        if (overlaps(named, wanted)) {
            return true;
        }
        reasons.add("its " + which + " description \"" + text.strip() + "\" names " + names(named) + "; " + forWhat);
        return false;
    }

    private static void values(ValueRange range, SeriesFacts s, List<String> reasons, List<String> notes) {
        ValueSample v = s.values();
        if (v == null) {
            notes.add("its values were not read, so their range was not checked");
            return;
        }
        double tolerance = ValueRange.TOLERANCE * range.span();
        boolean padding = v.min() < range.low() - tolerance && v.fractionAtMin() >= ValueRange.PADDING_FRACTION;
        double p01 = v.percentile(0.01, padding);
        double p99 = v.percentile(0.99, padding);
        String unit = range.unit().isEmpty() ? "" : " " + range.unit();
        String seen = String.format(Locale.ROOT, "its values run from %s to %s%s (1st to 99th percentile)", IntendedUse.num(Math.rint(p01)),
                IntendedUse.num(Math.rint(p99)), unit);
        if (p01 < range.low() - tolerance || p99 > range.high() + tolerance) {
            reasons.add(seen + ", outside the model's " + range.describe());
        } else if (p01 > range.low() + ValueRange.REACH * range.span()) {
            reasons.add(seen + " and never reach the low end of the model's " + range.describe()
                    + ": the values may not be in the units the model expects");
        }
    }

    private static boolean overlaps(Set<BodyRegion> a, Set<BodyRegion> b) {
        return a.stream().anyMatch(b::contains);
    }

    private static String names(Set<BodyRegion> regions) {
        return regions.stream().sorted().map(BodyRegion::label).collect(Collectors.joining(" or "));
    }
}
