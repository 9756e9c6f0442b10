// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.lumen.viewer.dicom.DicomImageWriter;
import org.lumen.viewer.dicom.ImageModality;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.dicom.SliceDescriptor;
import org.lumen.viewer.dicom.SliceGeometry;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.image.WindowPreset;

/** Writes a {@link TiltedStackSpec} as single-frame CT files: each pixel is the marker or the background at its true patient point. */
final class TiltedStackPhantom {

    private TiltedStackPhantom() { }

    static List<Path> write(Path outDir, TiltedStackSpec spec) throws IOException {
        PhantomIdentity identity = new PhantomIdentity("tilted-irregular-ct", 0, spec);
        Vec3 row = new Vec3(1, 0, 0);
        Vec3 column = new Vec3(0, 1, 0);
        SliceGeometry geometry = new SliceGeometry(spec.rows(), spec.columns(), row, column, spec.pixelSpacingMm(),
                spec.pixelSpacingMm(), spec.gapsMm()[0], OptionalDouble.empty());
        SeriesDescriptor series = new SeriesDescriptor(identity.patient("CHEST"), identity.study("Lumen synthetic tilted CT phantom"),
                identity.seriesInstanceUid(), 1, String.format(java.util.Locale.ROOT, "Tilted %.1f deg, irregular gaps, marker phantom",
                        spec.tiltDegrees()), ImageModality.CT, identity.frameOfReferenceUid(), "CHEST", geometry,
                PhantomSeries.CT_ENCODING, List.of(new WindowPreset("LUNG", -600, 1500)));
        Path folder = OutputFolder.prepare(outDir);
        DicomImageWriter writer = new DicomImageWriter();
        double radius = spec.markerDiameterMm() / 2;
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < spec.slices(); k++) {
            Vec3 origin = spec.slicePosition(k);
            short[] values = new short[spec.columns() * spec.rows()];
            for (int j = 0; j < spec.rows(); j++) {
                for (int i = 0; i < spec.columns(); i++) {
                    Vec3 p = origin.plus(row.times(i * spec.pixelSpacingMm())).plus(column.times(j * spec.pixelSpacingMm()));
                    values[j * spec.columns() + i] = (short) (p.distance(spec.markerCentre()) <= radius ? spec.markerHu() : spec.backgroundHu());
                }
            }
            StoredValues.fromModality(values, 0, values.length, series.encoding());
            String uid = identity.sopInstanceUid(k);
            Path file = folder.resolve(SliceSeriesWriter.fileName(uid));
            writer.writeSlice(file, series, new SliceDescriptor(uid, k + 1, origin), values);
            files.add(file);
        }
        return files;
    }
}
