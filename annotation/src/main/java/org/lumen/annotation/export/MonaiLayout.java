// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Medical Segmentation Decathlon layout MONAI reads with {@code load_decathlon_datalist}:
 * {@code imagesTr/}, {@code labelsTr/}, {@code imagesTs/}, {@code labelsTs/} and {@code dataset.json}
 * with the MSD fields and the datalists {@code training}, {@code validation} and {@code test}, each an
 * image and label path relative to the folder.
 */
final class MonaiLayout implements TrainerLayout {

    @Override
    public String datasetFolder() {
        return "";
    }

    @Override
    public String image(CasePlan c) {
        return (c.split() == Split.TEST ? "imagesTs/" : "imagesTr/") + c.caseId() + ".nii.gz";
    }

    @Override
    public String label(CasePlan c) {
        return (c.split() == Split.TEST ? "labelsTs/" : "labelsTr/") + c.caseId() + ".nii.gz";
    }

    @Override
    public void describe(Path root, ExportContext context, List<ExportedCase> cases) throws IOException {
        ObjectNode json = ExportJson.object();
        json.put("name", context.datasetName());
        json.put("description", context.description());
        json.put("tensorImageSize", "3D");
        json.putObject("modality").put("0", context.channel());
        ObjectNode labels = json.putObject("labels");
        context.classes().labels().forEach((name, value) -> labels.put(String.valueOf(value), name));
        json.put("numTraining", cases.stream().filter(c -> c.split() == Split.TRAIN).count());
        json.put("numValidation", cases.stream().filter(c -> c.split() == Split.VALIDATION).count());
        json.put("numTest", cases.stream().filter(c -> c.split() == Split.TEST).count());
        ArrayNode training = json.putArray("training");
        ArrayNode validation = json.putArray("validation");
        ArrayNode test = json.putArray("test");
        for (ExportedCase c : cases) {
            ArrayNode list = switch (c.split()) {
                case TRAIN -> training;
                case VALIDATION -> validation;
                case TEST -> test;
            };
            list.addObject().put("image", "./" + c.image()).put("label", "./" + c.label());
        }
        ExportJson.write(root.resolve("dataset.json"), json);
    }
}
