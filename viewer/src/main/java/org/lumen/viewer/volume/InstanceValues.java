// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.ModalityLut;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Every frame of one instance as modality values, through the same decoding, voxel type choice and
 * modality LUT as a series load: what conformance checks and exports compare with other tools.
 */
public final class InstanceValues {

    private InstanceValues() { }

    public static List<VoxelSlice> decode(InstanceHeader header) throws UnusableFileException {
        Set<ModalityLut> luts = new LinkedHashSet<>();
        for (int f = 0; f < header.frames(); f++) {
            luts.add(header.modalityLutOfFrame(f));
        }
        VoxelType type = VoxelType.choose(header.pixels(), luts);
        return new SliceDecoder(new FrameDecoder(), type).decodeAll(header);
    }
}
