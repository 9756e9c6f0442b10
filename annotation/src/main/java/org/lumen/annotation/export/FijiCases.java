// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lumen.annotation.catalog.Annotation;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.export.imagej.ImageJCase;
import org.lumen.annotation.export.imagej.ImageJExport;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.volume.VoxelType;

/**
 * One case for Fiji: its image and exported label values as an {@link ImageJCase}, its classes with their colours,
 * the dataset's boxes and points on its series as ROIs, in the chosen window (the modality's first preset by
 * default), written by {@link ImageJExport}.
 */
final class FijiCases {

    private FijiCases() { }

    /** Writes the case into {@code folder}; a case Fiji's 16-bit signed stack cannot hold is left out with why. */
    static Optional<LeftOut> write(Catalog catalog, CasePlanner.Plan plan, CasePlan c, CaseImage image, byte[] labels, String window,
                                   Path folder) throws IOException {
        if (image.type() != VoxelType.INT16) {
            return Optional.of(new LeftOut(c.seriesUid(), c.position(), "its " + image.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " voxels do not fit the 16-bit signed stack the Fiji export writes"));
        }
        List<ImageJCase.LabelColour> colours = new ArrayList<>();
        List<LabelClass> classes = plan.classes().classes();
        for (int n = 0; n < classes.size() && n < 255; n++) {
            colours.add(new ImageJCase.LabelColour(n + 1, classes.get(n).name(), classes.get(n).colour()));
        }
        WindowPreset preset = CocoExport.window(window, image.modality());
        ImageJCase.Window shown = preset.width() >= 1 ? new ImageJCase.Window(preset.center(), preset.width()) : fullRange(image.shorts());
        new ImageJExport().write(new ImageJCase(c.caseId(), image.nifti(), image.shorts(), labels, colours,
                shapes(catalog, plan.dataset().id(), c.seriesUid()), shown), folder);
        return Optional.empty();
    }

    /** The boxes and points of the dataset's latest vector label on the series, if it has one. */
    private static List<VectorLabel> shapes(Catalog catalog, long datasetId, String seriesUid) {
        return catalog.annotations().annotations(seriesUid).stream()
                .filter(a -> a.kind() == AnnotationKind.VECTOR && a.datasetId() != null && a.datasetId() == datasetId && a.headRevisionId() != null)
                .max(Comparator.comparingLong(Annotation::headRevisionId))
                .flatMap(a -> catalog.annotations().head(a.id()))
                .map(head -> head.payload() instanceof VectorPayload v ? v.labels() : List.<VectorLabel>of())
                .orElse(List.of());
    }

    private static ImageJCase.Window fullRange(short[] voxels) {
        int low = Short.MAX_VALUE;
        int high = Short.MIN_VALUE;
        for (short v : voxels) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return new ImageJCase.Window((low + high) / 2.0, Math.max(1, high - low));
    }
}
