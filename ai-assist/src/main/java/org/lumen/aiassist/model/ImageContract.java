// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code image} object of a model card: how a 2D image model (radiograph, mammogram,
 * photograph, ultrasound frame) wants its image. Present only on 2D image cards; volume cards
 * have none and run as before. ADR 0024 and docs/ai.md ("2D models") describe each field.
 *
 * @param colour        greyscale (1 channel) or RGB (3 channels, YBR images arrive converted)
 * @param fit           how the image becomes model input: letterbox, stretch, centre crop, or tiles at native resolution
 * @param downsample    image pixels per model pixel for {@link Fit#TILE} (1 = native resolution); 1 for the other fits
 * @param padValue      the normalised input value outside the image (letterbox bars, tiles past the edge)
 * @param normalisation how pixel values become input values
 * @param orient        the flip that puts the chest wall on one side (mammograms), or none
 * @param study         how several images' results combine into one study result
 * @param grade         the grade computed from findings counts (detection and probability-map models), or null
 * @param ordinal       the classes are ordered grades (e.g. none &lt; mild &lt; moderate &lt; severe): a study takes the worst image's grade
 */
public record ImageContract(Colour colour, Fit fit, double downsample, double padValue, ImageNormalisation normalisation,
                            Orient orient, StudyRule study, GradeRule grade, boolean ordinal) {

    public ImageContract {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(orient, "orient");
        Objects.requireNonNull(study, "study");
        if (!(downsample >= 1) || Double.isInfinite(downsample)) {
            throw new IllegalArgumentException("downsample must be at least 1 (image pixels per model pixel), was " + downsample);
        }
        if (fit != Fit.TILE && downsample != 1) {
            throw new IllegalArgumentException("downsample applies to the tile fit only; " + fit.label() + " scales the image to the patch");
        }
    }

    /** Greyscale or colour input. */
    public enum Colour {
        GREY("grey", 1), RGB("rgb", 3);

        private final String label;
        private final int channels;

        Colour(String label, int channels) {
            this.label = label;
            this.channels = channels;
        }

        public String label() { return label; }

        public int channels() { return channels; }

        public static Optional<Colour> parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "grey", "gray", "greyscale", "grayscale", "monochrome" -> Optional.of(GREY);
                case "rgb", "colour", "color" -> Optional.of(RGB);
                default -> Optional.empty();
            };
        }
    }

    /** How the image is fitted to the model's input size. */
    public enum Fit {
        /** Scale to fit inside the patch keeping the aspect ratio; pad the rest with {@code padValue}. */
        LETTERBOX("letterbox"),
        /** Scale each axis to the patch (aspect not kept). */
        STRETCH("stretch"),
        /** Scale so the shorter side fills the patch, keep the aspect, crop the longer side's centre. */
        CENTRE_CROP("centreCrop"),
        /** Native resolution (or {@code downsample}), covered by overlapping patch-sized tiles, outputs blended. */
        TILE("tile");

        private final String label;

        Fit(String label) {
            this.label = label;
        }

        public String label() { return label; }

        public static Optional<Fit> parse(String text) {
            for (Fit f : values()) {
                if (f.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** A flip before the model sees the image, so the chest wall is on a fixed side (mammograms). */
    public enum Orient {
        NONE("none"), CHEST_WALL_LEFT("chestWallLeft"), CHEST_WALL_RIGHT("chestWallRight");

        private final String label;

        Orient(String label) {
            this.label = label;
        }

        public String label() { return label; }

        public static Optional<Orient> parse(String text) {
            for (Orient o : values()) {
                if (o.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** How several images of a study combine (the four mammography views, both eyes). */
    public enum StudyRule {
        /** Each class's highest score over the images (and the worst grade). */
        MAX("max"),
        /** Each class's mean score over the images (grades: the worst). */
        MEAN("mean"),
        /** The highest score per laterality (left, right, unknown) first; the study takes the worse side. */
        PER_LATERALITY("perLaterality");

        private final String label;

        StudyRule(String label) {
            this.label = label;
        }

        public String label() { return label; }

        public static Optional<StudyRule> parse(String text) {
            for (StudyRule r : values()) {
                if (r.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** What the card view shows. */
    public String describe() {
        return colour.label() + ", " + fit.label() + (fit == Fit.TILE ? " (downsample " + IntendedUse.num(downsample) + ")" : "")
                + ", " + normalisation.describe() + (orient == Orient.NONE ? "" : ", flipped so the " + orient.label().replace("chestWall", "chest wall is ").toLowerCase(Locale.ROOT))
                + ", study: " + study.label() + (grade == null ? "" : ", grade from findings");
    }
}
