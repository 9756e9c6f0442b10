// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.lumen.app.cli.CliRun.lumen;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/** {@code lumen render} on the shared sample corpus, through the real command line. */
class RenderCommandTest {

    private static Path samples;
    private static Path ct;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findSamples() {
        String property = System.getProperty("lumen.samples");
        assertThat(property).as("system property lumen.samples (set by surefire)").isNotBlank();
        samples = Path.of(property);
        ct = samples.resolve("wg04/CT2_UNC.dcm");
        assertThat(ct).isRegularFile();
    }

    @Test
    void rendersACtSliceAsA512GreyscalePng() throws IOException {
        Path png = tmp.resolve("a.png");

        CliRun result = lumen("render", ct.toString(), "--slice", "0", "--window", "lung", "--out", png.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains(png.toString()).contains("512x512").contains("lung");
        assertThat(png).isRegularFile();
        BufferedImage image = readPng(png);
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(512);
        assertThat(image.getColorModel().getNumComponents()).isEqualTo(1);
        assertThat(image.getColorModel().hasAlpha()).isFalse();
        int[] pixels = grey(image);
        // A CT slice in a lung window is neither blank nor saturated.
        assertThat(Arrays.stream(pixels).distinct().count()).isGreaterThan(50);
    }

    @Test
    void differentWindowsGiveDifferentImages() throws IOException {
        Path lung = tmp.resolve("lung.png");
        Path soft = tmp.resolve("soft.png");

        CliRun a = lumen("render", ct.toString(), "--window", "lung", "--out", lung.toString());
        CliRun b = lumen("render", ct.toString(), "--window", "40,400", "--out", soft.toString());

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("C 40").contains("W 400");
        int[] lungPixels = grey(readPng(lung));
        int[] softPixels = grey(readPng(soft));
        assertThat(softPixels).hasSameSizeAs(lungPixels);
        assertThat(softPixels).isNotEqualTo(lungPixels);
    }

    /**
     * A parametric map (pydicom-written, per-frame Real World Value Mapping in mm2/s, Modality copied from the CT) renders
     * with windows in its real-world values: the automatic one is said in mm2/s, a CENTER,WIDTH under one unit is taken as
     * such, and no Hounsfield preset is offered.
     */
    @Test
    void aParametricMapsWindowIsInItsRealWorldValues() throws Exception {
        Path study = java.nio.file.Files.createDirectories(tmp.resolve("map"));
        org.lumen.viewer.overlay.ParametricMapSample.variant(tmp, "linear", study.resolve("map.dcm"));
        Path auto = tmp.resolve("auto.png");
        Path narrow = tmp.resolve("narrow.png");

        CliRun a = lumen("render", study.toString(), "--slice", "15", "--out", auto.toString());
        CliRun b = lumen("render", study.toString(), "--slice", "15", "--window", "0.0006,0.001", "--out", narrow.toString());
        CliRun lung = lumen("render", study.toString(), "--window", "lung", "--out", tmp.resolve("lung.png").toString());

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).containsPattern("window auto \\(C 0\\.00\\d+, W 0\\.00\\d+ mm2/s\\)");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("window custom (C 0.0006, W 0.001 mm2/s)");
        assertThat(Arrays.stream(grey(readPng(auto))).distinct().count()).as("grey levels of the map's slice").isGreaterThan(20);
        assertThat(grey(readPng(narrow))).isNotEqualTo(grey(readPng(auto)));
        assertThat(lung.exitCode()).isEqualTo(1);
        assertThat(lung.err()).contains("unknown window 'lung'");
    }

    @Test
    void sameWindowRendersTheSameImage() throws IOException {
        Path first = tmp.resolve("first.png");
        Path second = tmp.resolve("second.png");

        assertThat(lumen("render", ct.toString(), "--window", "bone", "--out", first.toString()).exitCode()).isZero();
        assertThat(lumen("render", ct.toString(), "--window", "400,1800", "--out", second.toString()).exitCode()).isZero();

        assertThat(grey(readPng(second))).isEqualTo(grey(readPng(first)));
    }

    @Test
    void unknownWindowExitsOneAndListsThePresets() {
        Path png = tmp.resolve("never.png");

        CliRun result = lumen("render", ct.toString(), "--window", "nonsense", "--out", png.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: ").contains("nonsense").contains("CENTER,WIDTH");
        assertThat(result.err()).contains("lung", "mediastinum", "soft-tissue", "bone", "brain", "abdomen", "liver", "auto");
        assertThat(png).doesNotExist();
    }

    @Test
    void sliceOutOfRangeExitsOne() {
        Path png = tmp.resolve("never.png");

        CliRun result = lumen("render", ct.toString(), "--slice", "99", "--out", png.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: ").contains("99").contains("out of range");
        assertThat(png).doesNotExist();
    }

    @Test
    void seriesIndexOutOfRangeExitsOne() {
        Path png = tmp.resolve("never.png");

        CliRun result = lumen("render", ct.toString(), "--series", "5", "--out", png.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: ").contains("out of range");
        assertThat(png).doesNotExist();
    }

    @Test
    void invertOnMonochrome1GivesThePixelwiseInverse() throws IOException {
        Path cr = samples.resolve("dicomdir/pcir_fileset/77654033/CR1/6154");
        Path plain = tmp.resolve("plain.png");
        Path inverted = tmp.resolve("inverted.png");

        CliRun a = lumen("render", cr.toString(), "--window", "2000,4000", "--out", plain.toString());
        CliRun b = lumen("render", cr.toString(), "--window", "2000,4000", "--invert", "--out", inverted.toString());

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        // MONOCHROME1 is displayed inverted by itself; --invert undoes that.
        assertThat(a.out()).endsWith(", inverted" + System.lineSeparator());
        assertThat(b.out()).doesNotContain(", inverted");
        int[] p = grey(readPng(plain));
        int[] q = grey(readPng(inverted));
        assertThat(q).hasSameSizeAs(p);
        assertThat(Arrays.stream(p).distinct().count()).as("a non-uniform image").isGreaterThan(1);
        for (int i = 0; i < p.length; i++) {
            assertThat(q[i]).as("pixel %d", i).isEqualTo(255 - p[i]);
        }
    }

    @Test
    void missingOutOptionIsAUsageError() {
        CliRun result = lumen("render", ct.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--out");
    }

    /** It used to fail with "lumen: /tmp/…/notes.txt", naming neither the output nor the reason. */
    @Test
    void anOutUnderARegularFileNamesTheOutAndWhy() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        Path out = file.resolve("out.png");

        CliRun result = lumen("render", ct.toString(), "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("lumen: cannot write " + out + ": " + file + " is a file, not a folder");
        assertThat(result.out()).isEmpty();
    }

    /** It used to name a hidden temporary file: "lumen: /tmp/.out.png.1x2y.tmp -> /tmp/out.png: Is a directory". */
    @Test
    void anOutThatIsAFolderNamesTheOutNotATemporaryFile() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out.png"));

        CliRun result = lumen("render", ct.toString(), "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("lumen: cannot write " + out + ": it is a folder");
    }

    @Test
    void anEmptyFolderIsNotRendered() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        CliRun result = lumen("render", empty.toString(), "--out", tmp.resolve("a.png").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("lumen: " + empty + " is an empty folder");
    }

    /** Without --series, render shows what the window opens on: the main series, not the scout listed first. */
    @Test
    void withoutSeriesItRendersTheMainSeriesNotTheScout() throws IOException {
        ChestCtSpec spec = ChestCtSpec.builder().size(Size.of(48, 48, 16)).noduleCount(0).build();
        Phantoms.writeChestCt(tmp.resolve("study/axial"), spec);
        Phantoms.writeChestScout(tmp.resolve("study/scout"), spec);
        Path png = tmp.resolve("main.png");

        CliRun result = lumen("render", tmp.resolve("study").toString(), "--out", png.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("slice 0 of 16, 48x48");
    }

    private static int[] grey(BufferedImage image) {
        assertThat(image).isNotNull();
        Raster raster = image.getRaster();
        assertThat(raster.getNumBands()).isEqualTo(1);
        return raster.getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    /** Reads a PNG with the PNG reader itself (probing every ImageIO reader makes PixelMed's print to stderr). */
    static BufferedImage readPng(Path file) throws IOException {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.readNBytes(8)).as("PNG signature of %s", file).isEqualTo(signature);
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }
}
