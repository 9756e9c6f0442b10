// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.List;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.ModalityLut;
import org.lumen.viewer.index.InstanceHeader;

/** Decodes frames of a stack into voxel slices of one type (decoding, then the modality LUT). */
final class SliceDecoder {

    private final FrameDecoder frames;
    private final VoxelType type;

    SliceDecoder(FrameDecoder frames, VoxelType type) {
        this.frames = frames;
        this.type = type;
    }

    VoxelSlice decode(FrameRef ref) throws UnusableFileException {
        return decode(ref.instance(), ref.frame());
    }

    VoxelSlice decode(InstanceHeader instance, int frame) throws UnusableFileException {
        ModalityLut lut = instance.modalityLutOfFrame(frame);
        if (type == VoxelType.INT16 || type == VoxelType.UINT16) {
            // Uncompressed 16-bit frames take the LUT while their values are still in the decoder's warm scratch.
            short[] voxels = frames.readTransformed(instance, frame,
                    (values, count, unsigned) -> ModalityConverter.applyIntegral(values, count, unsigned, lut, type));
            if (voxels != null) {
                return VoxelSlice.ofShorts(instance.pixels().columns(), instance.pixels().rows(), type, voxels);
            }
        }
        return ModalityConverter.convert(frames.decode(instance, frame), lut, type);
    }

    /** Every frame of {@code instance}: one pass over the file for encapsulated ones, frame by frame otherwise. */
    List<VoxelSlice> decodeAll(InstanceHeader instance) throws UnusableFileException {
        List<VoxelSlice> slices = new java.util.ArrayList<>(instance.frames());
        if (FrameDecoder.isDirectReadable(instance)) {
            for (int f = 0; f < instance.frames(); f++) {
                slices.add(decode(instance, f));
            }
            return slices;
        }
        List<DecodedFrame> decoded = frames.decodeAll(instance);
        for (int f = 0; f < decoded.size(); f++) {
            slices.add(ModalityConverter.convert(decoded.get(f), instance.modalityLutOfFrame(f), type));
        }
        return slices;
    }

    /** All frames of one instance with one pass over its file (for compressed multi-frame objects). */
    List<DecodedFrame> decodeInstance(FrameRef anyFrameOfIt) throws UnusableFileException {
        return frames.decodeAll(anyFrameOfIt.instance());
    }

    VoxelSlice convert(DecodedFrame frame, FrameRef ref) {
        return ModalityConverter.convert(frame, ref.instance().modalityLutOfFrame(ref.frame()), type);
    }
}
