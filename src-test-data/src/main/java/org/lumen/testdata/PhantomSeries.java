// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.List;
import org.lumen.viewer.dicom.ImageModality;
import org.lumen.viewer.dicom.PixelEncoding;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.image.WindowPreset;

/** The DICOM series description of each phantom: modality, pixel encoding, windows and identity. */
final class PhantomSeries {

    /** CT: 12 bits unsigned with intercept -1024, as many scanners store it; so -1024..3071 HU round-trip exactly. */
    static final PixelEncoding CT_ENCODING = PixelEncoding.rescaled(12, false, ChestAnatomy.MIN_HU, 1, "HU");
    static final PixelEncoding MR_ENCODING = PixelEncoding.unsigned(HeadMrPhantom.BITS_STORED);

    private static final List<WindowPreset> CHEST_WINDOWS = List.of(
            new WindowPreset("LUNG", -600, 1500), new WindowPreset("MEDIASTINUM", 40, 400));
    private static final List<WindowPreset> HEAD_WINDOWS = List.of(new WindowPreset("T1", 500, 1000));

    private PhantomSeries() { }

    static SeriesDescriptor chestCt(ChestCtSpec spec, PhantomIdentity identity, int seriesNumber, String description) {
        return new SeriesDescriptor(identity.patient("CHEST"), identity.study("Lumen synthetic chest CT phantom"),
                identity.seriesInstanceUid(), seriesNumber,
                description + ", seed " + spec.seed() + ", " + spec.noduleCount() + " nodules",
                ImageModality.CT, identity.frameOfReferenceUid(), "CHEST",
                spec.grid().toSliceGeometry(spec.sliceThicknessMm()), CT_ENCODING, CHEST_WINDOWS);
    }

    static SeriesDescriptor headMr(HeadMrSpec spec, PhantomIdentity identity) {
        return new SeriesDescriptor(identity.patient("HEAD"), identity.study("Lumen synthetic head MR phantom"),
                identity.seriesInstanceUid(), 1, "T1-like head phantom, seed " + spec.seed(),
                ImageModality.MR, identity.frameOfReferenceUid(), "HEAD",
                spec.grid().toSliceGeometry(spec.sliceThicknessMm()), MR_ENCODING, HEAD_WINDOWS);
    }
}
