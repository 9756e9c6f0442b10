// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.List;
import java.util.Objects;

/**
 * A model's card ({@code model.json}): who made it, for what, with what validation figures, and the
 * input and output contracts the pipeline follows. The model panel shows it; every finding carries
 * its id, version and sha256.
 *
 * @param file              the ONNX file, relative to the package folder
 * @param notForClinicalUse the author's own flag; Lumen shows it, whatever its value
 * @param demo              true for demonstration models (Lumen's bundled one is)
 * @param intendedUseCriteria the checkable part of the intended use; {@link IntendedUse#UNDECLARED} when the card has none
 * @param image             the 2D image contract of a 2D image model (radiographs, mammograms, photographs); null for
 *                          models that run on series and volumes
 */
public record ModelCard(String id, String name, String version, String sha256, String file, String license,
                        String intendedUse, boolean notForClinicalUse, boolean demo, String modality, String bodyPart,
                        String description, InputContract input, OutputContract output, List<ModelClass> classes,
                        double defaultThreshold, List<ValidationFigure> validation, IntendedUse intendedUseCriteria,
                        ImageContract image) {

    public ModelCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        classes = List.copyOf(classes);
        validation = List.copyOf(validation);
        intendedUseCriteria = intendedUseCriteria == null ? IntendedUse.UNDECLARED : intendedUseCriteria;
    }

    /** A card of a model that runs on series and volumes (no 2D image contract). */
    public ModelCard(String id, String name, String version, String sha256, String file, String license,
                     String intendedUse, boolean notForClinicalUse, boolean demo, String modality, String bodyPart,
                     String description, InputContract input, OutputContract output, List<ModelClass> classes,
                     double defaultThreshold, List<ValidationFigure> validation, IntendedUse intendedUseCriteria) {
        this(id, name, version, sha256, file, license, intendedUse, notForClinicalUse, demo, modality, bodyPart, description, input,
                output, classes, defaultThreshold, validation, intendedUseCriteria, null);
    }

    /** Whether this is a 2D image model: it runs through {@code image2d.ImageInferenceEngine}, one image at a time. */
    public boolean isImageModel() {
        return image != null;
    }

    /** Spatial dimensions of the data it runs on, for listings: 2 for image models, else 3. */
    public int dimensions() {
        return image != null ? 2 : 3;
    }

    /** The class with this name, if the card lists one. */
    public java.util.Optional<ModelClass> classNamed(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The threshold for a class: its own, else the card's default. */
    public double threshold(ModelClass c) {
        return Double.isNaN(c.threshold()) ? defaultThreshold : c.threshold();
    }

    /** The classes that become heatmaps and findings (all but background). */
    public List<ModelClass> foregroundClasses() {
        return classes.stream().filter(c -> !c.isBackground()).toList();
    }

    ModelCard withContracts(InputContract in, OutputContract out) {
        return new ModelCard(id, name, version, sha256, file, license, intendedUse, notForClinicalUse, demo, modality,
                bodyPart, description, in, out, classes, defaultThreshold, validation, intendedUseCriteria, image);
    }
}
