// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.List;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.ModalityLut;

/** Decodes frames of a stack into voxel slices of one type (decoding, then the modality LUT). */
final class SliceDecoder {

    private final FrameDecoder frames;
    private final VoxelType type;

    SliceDecoder(FrameDecoder frames, VoxelType type) {
        this.frames = frames;
        this.type = type;
    }

    VoxelSlice decode(FrameRef ref) throws UnusableFileException {
        ModalityLut lut = ref.instance().modalityLutOfFrame(ref.frame());
        if (type == VoxelType.INT16 || type == VoxelType.UINT16) {
            // Uncompressed 16-bit frames take the LUT while their values are still in the decoder's warm scratch.
            short[] voxels = frames.readTransformed(ref.instance(), ref.frame(),
                    (values, count, unsigned) -> ModalityConverter.applyIntegral(values, count, unsigned, lut, type));
            if (voxels != null) {
                return VoxelSlice.ofShorts(ref.instance().pixels().columns(), ref.instance().pixels().rows(), type, voxels);
            }
        }
        return ModalityConverter.convert(frames.decode(ref.instance(), ref.frame()), lut, type);
    }

    /** All frames of one instance with one pass over its file (for compressed multi-frame objects). */
    List<DecodedFrame> decodeInstance(FrameRef anyFrameOfIt) throws UnusableFileException {
        return frames.decodeAll(anyFrameOfIt.instance());
    }

    VoxelSlice convert(DecodedFrame frame, FrameRef ref) {
        return ModalityConverter.convert(frame, ref.instance().modalityLutOfFrame(ref.frame()), type);
    }
}
