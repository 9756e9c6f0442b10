// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lumen.app.cli.CliRun.lumen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen convert} on a real CT series: nibabel reads the NIfTI and pydicom the DICOM files, and
 * every voxel must be pydicom's modality value (HU) of the slice at that position, with the affine
 * placing voxel (0,0,0) at the first slice's Image Position (Patient). NRRD and raw hold the same values
 * as the (gzipped) NIfTI.
 */
class ConvertCommandTest {

    private static final String CHECK = """
            import sys, glob, numpy, nibabel, pydicom
            from pydicom.pixel_data_handlers.util import apply_modality_lut
            img = nibabel.load(sys.argv[1])
            data = numpy.asarray(img.dataobj, dtype=numpy.float64)
            slices = [pydicom.dcmread(f) for f in glob.glob(sys.argv[2] + "/*")]
            normal = numpy.cross([float(v) for v in slices[0].ImageOrientationPatient[:3]],
                                 [float(v) for v in slices[0].ImageOrientationPatient[3:]])
            slices.sort(key=lambda d: numpy.dot(normal, [float(v) for v in d.ImagePositionPatient]))
            assert data.shape == (int(slices[0].Columns), int(slices[0].Rows), len(slices)), data.shape
            worst = 0.0
            for k, d in enumerate(slices):
                worst = max(worst, numpy.abs(data[:, :, k].T - apply_modality_lut(d.pixel_array, d)).max())
            origin = img.affine[:3, 3] * [-1, -1, 1]
            first = numpy.array([float(v) for v in slices[0].ImagePositionPatient])
            print(worst, numpy.abs(origin - first).max())
            """;

    private static Path series;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findSamples() {
        series = Path.of(System.getProperty("lumen.samples")).resolve("ct_series/philips_phantom_std_brain_1mm");
        assertThat(series).isDirectory();
    }

    @Test
    void niftiHoldsTheHounsfieldValuesAndTheGeometryPydicomAndNibabelSee() throws Exception {
        Path nifti = tmp.resolve("ct.nii.gz");

        CliRun result = lumen("convert", series.toString(), "--to", "nifti", "--out", nifti.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("512x512x30 int16");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", CHECK, nifti.toString(), series.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(p.waitFor() == 0 || !out.contains("No module named"), "/usr/bin/python3 lacks nibabel or pydicom: " + out);
        assertThat(p.waitFor()).as(out).isZero();
        String[] words = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        assertThat(Double.parseDouble(words[0])).as("largest HU difference from pydicom").isZero();
        assertThat(Double.parseDouble(words[1])).as("origin distance from Image Position (Patient), mm").isLessThan(1e-3);
    }

    @Test
    void nrrdAndRawHoldTheSameValuesAsNifti() throws Exception {
        Path nifti = tmp.resolve("ct.nii.gz");
        Path nrrd = tmp.resolve("ct.nrrd");
        Path raw = tmp.resolve("ct.raw");
        for (String[] args : new String[][] {{"nifti", nifti.toString()}, {"nrrd", nrrd.toString()}, {"raw", raw.toString()}}) {
            CliRun result = lumen("convert", series.toString(), "--to", args[0], "--out", args[1]);
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        byte[] values = Files.readAllBytes(raw);
        assertThat(values).hasSize(512 * 512 * 30 * 2);
        byte[] niftiBytes;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(nifti))) {
            niftiBytes = in.readAllBytes();
        }
        assertThat(Arrays.copyOfRange(niftiBytes, niftiBytes.length - values.length, niftiBytes.length)).isEqualTo(values);
        byte[] nrrdBytes = Files.readAllBytes(nrrd);
        String header = new String(nrrdBytes, 0, nrrdBytes.length - values.length, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("NRRD0004").contains("type: short", "sizes: 512 512 30", "space: left-posterior-superior")
                .endsWith("\n\n");
        assertThat(Arrays.copyOfRange(nrrdBytes, nrrdBytes.length - values.length, nrrdBytes.length)).isEqualTo(values);
    }

    @Test
    void anUnknownFormatIsRefusedWithASentence() {
        CliRun result = lumen("convert", series.toString(), "--to", "analyze", "--out", tmp.resolve("x").toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown format 'analyze'");
    }
}
