// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.util.List;

/**
 * The storage SOP classes Lumen receives (as C-GET's storage SCP, and later as the storage receiver),
 * and the transfer syntaxes it accepts for them: what its decoders read, uncompressed first.
 */
public final class StorageClasses {

    /** Every image class Lumen reads, plus SEG, SR, presentation states, key objects and RT. */
    public static final List<String> SOP_CLASSES = List.of(
            "1.2.840.10008.5.1.4.1.1.2",       // CT
            "1.2.840.10008.5.1.4.1.1.2.1",     // enhanced CT
            "1.2.840.10008.5.1.4.1.1.4",       // MR
            "1.2.840.10008.5.1.4.1.1.4.1",     // enhanced MR
            "1.2.840.10008.5.1.4.1.1.1",       // CR
            "1.2.840.10008.5.1.4.1.1.1.1",     // DX for presentation
            "1.2.840.10008.5.1.4.1.1.1.1.1",   // DX for processing
            "1.2.840.10008.5.1.4.1.1.1.2",     // MG for presentation
            "1.2.840.10008.5.1.4.1.1.1.2.1",   // MG for processing
            "1.2.840.10008.5.1.4.1.1.13.1.3",  // breast tomosynthesis
            "1.2.840.10008.5.1.4.1.1.6.1",     // US
            "1.2.840.10008.5.1.4.1.1.3.1",     // US multi-frame
            "1.2.840.10008.5.1.4.1.1.7",       // secondary capture
            "1.2.840.10008.5.1.4.1.1.7.2",     // multi-frame grayscale byte SC
            "1.2.840.10008.5.1.4.1.1.7.3",     // multi-frame grayscale word SC
            "1.2.840.10008.5.1.4.1.1.7.4",     // multi-frame true colour SC
            "1.2.840.10008.5.1.4.1.1.20",      // NM
            "1.2.840.10008.5.1.4.1.1.128",     // PET
            "1.2.840.10008.5.1.4.1.1.130",     // enhanced PET
            "1.2.840.10008.5.1.4.1.1.12.1",    // XA
            "1.2.840.10008.5.1.4.1.1.12.2",    // RF
            "1.2.840.10008.5.1.4.1.1.77.1.4",  // VL photographic (fundus and others)
            "1.2.840.10008.5.1.4.1.1.77.1.5.1", // ophthalmic photography 8 bit
            "1.2.840.10008.5.1.4.1.1.30",      // parametric map
            "1.2.840.10008.5.1.4.1.1.66.4",    // segmentation
            "1.2.840.10008.5.1.4.1.1.88.11",   // basic text SR
            "1.2.840.10008.5.1.4.1.1.88.22",   // enhanced SR
            "1.2.840.10008.5.1.4.1.1.88.33",   // comprehensive SR
            "1.2.840.10008.5.1.4.1.1.88.34",   // comprehensive 3D SR
            "1.2.840.10008.5.1.4.1.1.88.59",   // key object selection
            "1.2.840.10008.5.1.4.1.1.11.1",    // grayscale softcopy presentation state
            "1.2.840.10008.5.1.4.1.1.481.1",   // RT image
            "1.2.840.10008.5.1.4.1.1.481.2",   // RT dose
            "1.2.840.10008.5.1.4.1.1.481.3",   // RT structure set
            "1.2.840.10008.5.1.4.1.1.481.5");  // RT plan

    /** Uncompressed first, then the lossless and lossy codecs Lumen decodes. */
    public static final List<String> TRANSFER_SYNTAXES = List.of(
            PresentationContext.EXPLICIT_VR_LITTLE_ENDIAN,
            PresentationContext.IMPLICIT_VR_LITTLE_ENDIAN,
            "1.2.840.10008.1.2.4.70",  // JPEG lossless SV1
            "1.2.840.10008.1.2.4.57",  // JPEG lossless
            "1.2.840.10008.1.2.4.80",  // JPEG-LS lossless
            "1.2.840.10008.1.2.4.81",  // JPEG-LS near-lossless
            "1.2.840.10008.1.2.4.90",  // JPEG 2000 lossless
            "1.2.840.10008.1.2.4.91",  // JPEG 2000
            "1.2.840.10008.1.2.4.50",  // JPEG baseline
            "1.2.840.10008.1.2.4.51",  // JPEG extended
            "1.2.840.10008.1.2.5");    // RLE

    private StorageClasses() { }

    /** Presentation contexts for every storage class, numbered from {@code firstId} (odd) on. */
    public static List<PresentationContext> contexts(int firstId) {
        List<PresentationContext> contexts = new java.util.ArrayList<>();
        int id = firstId;
        for (String sopClass : SOP_CLASSES) {
            contexts.add(new PresentationContext(id, sopClass, TRANSFER_SYNTAXES));
            id += 2;
        }
        return contexts;
    }
}
