// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * nnU-Net v2's raw layout: {@code DatasetNNN_Name/} with {@code imagesTr/CASE_0000.nii.gz},
 * {@code labelsTr/CASE.nii.gz} for training and validation cases, {@code imagesTs/} (and
 * {@code labelsTs/}, for scoring) for test cases, {@code dataset.json}, and {@code splits_final.json}
 * holding the per-patient split as nnU-Net's fold 0 (copy it into the preprocessed folder to use it).
 */
final class NnUnetLayout implements TrainerLayout {

    static final String FILE_ENDING = ".nii.gz";

    private final String folder;

    NnUnetLayout(String datasetName, int datasetId) {
        if (datasetId < 1 || datasetId > 999) {
            throw new IllegalArgumentException("an nnU-Net dataset id is 1 to 999, not " + datasetId);
        }
        this.folder = String.format(Locale.ROOT, "Dataset%03d_%s", datasetId, safeName(datasetName));
    }

    /** nnU-Net reads the name from the folder: letters, digits and dashes only. */
    static String safeName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return clean.isEmpty() ? "Lumen" : clean;
    }

    @Override
    public String datasetFolder() {
        return folder;
    }

    @Override
    public String image(CasePlan c) {
        return (c.split() == Split.TEST ? "imagesTs/" : "imagesTr/") + c.caseId() + "_0000" + FILE_ENDING;
    }

    @Override
    public String label(CasePlan c) {
        return (c.split() == Split.TEST ? "labelsTs/" : "labelsTr/") + c.caseId() + FILE_ENDING;
    }

    @Override
    public void describe(Path root, ExportContext context, List<ExportedCase> cases) throws IOException {
        ObjectNode json = ExportJson.object();
        json.putObject("channel_names").put("0", context.channel());
        ObjectNode labels = json.putObject("labels");
        context.classes().labels().forEach(labels::put);
        json.put("numTraining", cases.stream().filter(c -> c.split() != Split.TEST).count());
        json.put("file_ending", FILE_ENDING);
        json.put("name", folder);
        json.put("description", context.description());
        ExportJson.write(root.resolve("dataset.json"), json);

        ArrayNode splits = ExportJson.MAPPER.createArrayNode();
        ObjectNode fold = splits.addObject();
        ArrayNode train = fold.putArray("train");
        ArrayNode val = fold.putArray("val");
        for (ExportedCase c : cases) {
            if (c.split() == Split.TRAIN) {
                train.add(c.caseId());
            } else if (c.split() == Split.VALIDATION) {
                val.add(c.caseId());
            }
        }
        ExportJson.write(root.resolve("splits_final.json"), splits);
    }
}
