// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export.imagej;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.io.RoiEncoder;
import ij.measure.Calibration;
import ij.process.LUT;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;

/**
 * Writes a case the way Fiji, ImageJ and QuPath open natively, with ImageJ's own classes:
 * {@code NAME.tif}, a calibrated 16-bit hyperstack (channel 1 the image, channel 2 the label mask with a
 * LUT of the class colours; pixel size and slice spacing in mm; the shapes as its overlay), and
 * {@code NAME_RoiSet.zip}, the same shapes for the ROI Manager.
 *
 * <p>Values are stored with ImageJ's signed 16-bit calibration (raw = value + 32768, the calibration
 * function takes it back), so Fiji shows HU under the cursor; the label channel is stored the same way,
 * so it reads as the class value (0 background). The patient-space geometry, which TIFF has no field for,
 * is written into the image's Info text.
 */
public final class ImageJExport {

    /** The files written, and the shapes that could not become ImageJ ROIs, with why. */
    public record Written(Path tiff, Path roiSet, int rois, List<String> leftOut) { }

    private static final int SIGNED_OFFSET = 32768;
    private static final int IMAGE_CHANNEL = 1;
    private static final int LABEL_CHANNEL = 2;

    /** Writes {@code NAME.tif} (and {@code NAME_RoiSet.zip} when the case has shapes that fit) into {@code folder}. */
    public Written write(ImageJCase c, Path folder) throws IOException {
        ImageJRois.Result rois = ImageJRois.of(c.grid(), c.classes(), c.shapes());
        ImagePlus image = hyperstack(c);
        if (!rois.rois().isEmpty()) {
            Overlay overlay = new Overlay();
            rois.rois().forEach(overlay::add);
            image.setOverlay(overlay);
        }
        Path tiff = folder.resolve(c.name() + ".tif");
        writeTiff(image, tiff);
        Path roiSet = null;
        if (!rois.rois().isEmpty()) {
            roiSet = folder.resolve(c.name() + "_RoiSet.zip");
            writeRoiSet(rois.rois(), roiSet);
        }
        return new Written(tiff, roiSet, rois.rois().size(), rois.leftOut());
    }

    private static ImagePlus hyperstack(ImageJCase c) {
        NiftiGeometry grid = c.grid();
        int channels = c.labels() == null ? 1 : 2;
        int plane = grid.nx() * grid.ny();
        ImageStack stack = new ImageStack(grid.nx(), grid.ny());
        for (int k = 0; k < grid.nz(); k++) {
            stack.addSlice("z=" + (k + 1), shifted(c.voxels(), k * plane, plane, grid.nx(), grid.ny()));
            if (channels == 2) {
                stack.addSlice("labels z=" + (k + 1), labelSlice(c.labels(), k * plane, plane, grid.nx(), grid.ny()));
            }
        }
        ImagePlus image = new ImagePlus(c.name(), stack);
        image.setDimensions(channels, grid.nz(), 1);
        image.setOpenAsHyperStack(true);
        image.setCalibration(calibration(grid));
        image.setProperty("Info", info(c));
        double low = c.window().centre() - c.window().width() / 2 + SIGNED_OFFSET;
        double high = c.window().centre() + c.window().width() / 2 + SIGNED_OFFSET;
        if (channels == 1) {
            image.setDisplayRange(low, high);
            return image;
        }
        CompositeImage composite = new CompositeImage(image, IJ.COMPOSITE);
        composite.setChannelLut(LUT.createLutFromColor(java.awt.Color.WHITE), IMAGE_CHANNEL);
        composite.setChannelLut(labelLut(c.classes()), LABEL_CHANNEL);
        composite.setPosition(IMAGE_CHANNEL, 1, 1);
        composite.setDisplayRange(low, high);
        composite.setPosition(LABEL_CHANNEL, 1, 1);
        // 256 raw values over 256 LUT entries: class v is LUT entry v.
        composite.setDisplayRange(SIGNED_OFFSET, SIGNED_OFFSET + 255);
        composite.setPosition(IMAGE_CHANNEL, 1, 1);
        return composite;
    }

    private static ShortProcessor shifted(short[] voxels, int from, int count, int width, int height) {
        short[] raw = new short[count];
        for (int n = 0; n < count; n++) {
            raw[n] = (short) (voxels[from + n] + SIGNED_OFFSET);
        }
        return new ShortProcessor(width, height, raw, null);
    }

    private static ShortProcessor labelSlice(byte[] labels, int from, int count, int width, int height) {
        short[] raw = new short[count];
        for (int n = 0; n < count; n++) {
            raw[n] = (short) ((labels[from + n] & 0xFF) + SIGNED_OFFSET);
        }
        return new ShortProcessor(width, height, raw, null);
    }

    private static Calibration calibration(NiftiGeometry grid) {
        Calibration calibration = new Calibration();
        calibration.pixelWidth = grid.iStep().length();
        calibration.pixelHeight = grid.jStep().length();
        calibration.pixelDepth = grid.kStep().length();
        calibration.setUnit("mm");
        calibration.setSigned16BitCalibration();
        return calibration;
    }

    private static LUT labelLut(List<ImageJCase.LabelColour> classes) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (ImageJCase.LabelColour c : classes) {
            int rgb = c.rgb();
            r[c.value()] = (byte) (rgb >> 16);
            g[c.value()] = (byte) (rgb >> 8);
            b[c.value()] = (byte) rgb;
        }
        return new LUT(r, g, b);
    }

    private static String info(ImageJCase c) {
        NiftiGeometry grid = c.grid();
        StringBuilder text = new StringBuilder("Exported by Lumen\n")
                .append("Patient space (DICOM LPS, mm), voxel (i, j, k) at origin + i*iStep + j*jStep + k*kStep:\n")
                .append("origin = ").append(vector(grid.origin())).append('\n')
                .append("iStep = ").append(vector(grid.iStep())).append('\n')
                .append("jStep = ").append(vector(grid.jStep())).append('\n')
                .append("kStep = ").append(vector(grid.kStep())).append('\n');
        if (c.labels() != null) {
            text.append("Channel 2 labels: 0 = background");
            for (ImageJCase.LabelColour label : c.classes()) {
                text.append(", ").append(label.value()).append(" = ").append(label.name());
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String vector(Vec3 v) {
        return String.format(Locale.ROOT, "%.6f %.6f %.6f", v.x(), v.y(), v.z());
    }

    private static void writeTiff(ImagePlus image, Path target) throws IOException {
        AtomicFiles.checkWritable(target);
        // FileSaver writes to a path: give it a temporary sibling and move that into place.
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            if (!new FileSaver(image).saveAsTiffStack(temp.toString())) {
                throw new IOException("ImageJ could not write " + target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeRoiSet(List<Roi> rois, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            Set<String> names = new HashSet<>();
            for (Roi roi : rois) {
                // The ROI Manager names entries by position; keep ours unique and readable.
                String entry = String.format(Locale.ROOT, "%04d-%s", roi.getZPosition(), roi.getName().replace(' ', '_'));
                String unique = entry;
                for (int n = 2; !names.add(unique); n++) {
                    unique = entry + "-" + n;
                }
                zip.putNextEntry(new ZipEntry(unique + ".roi"));
                zip.write(RoiEncoder.saveAsByteArray(roi));
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
