// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/** {@code lumen snapshot}: the real window rendered headless, through the real command line. */
class SnapshotCommandTest {

    @TempDir
    static Path folder;
    private static Path study;

    @BeforeAll
    static void writePhantom() throws IOException {
        study = folder.resolve("chest");
        Phantoms.writeChestCt(study, ChestCtSpec.builder().size(Size.of(128, 128, 48)).pixelSpacingMm(2.5)
                .sliceSpacingMm(3).noduleCount(2).build());
    }

    @Test
    void writesTheWindowInMprLayoutAtTheRequestedSize() throws IOException {
        Path png = folder.resolve("mpr.png");

        CliRun result = lumen("snapshot", study.toString(), "--layout", "mpr", "--window", "lung", "--size", "1024x640",
                "--out", png.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("1024x640").contains("layout mpr").contains("window lung (C -600, W 1500)");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(640);
        // The dark chrome, the grey chest and the light text: a real picture, not a blank frame.
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours.size()).isGreaterThan(100);
    }

    /**
     * A series whose slice cannot be decoded (here a JPEG 2000 frame cut short) used to keep the snapshot waiting
     * five minutes for a view that never came: the failure is shown at once, in the picture and as the sentence.
     */
    @Test
    void aSliceThatCannotBeDecodedFailsTheSnapshotAtOnceWithItsReason() throws Exception {
        Path broken = folder.resolve("broken");
        java.nio.file.Files.createDirectories(broken);
        byte[] file = java.nio.file.Files.readAllBytes(Path.of(System.getProperty("lumen.samples"), "wg04/CT2_J2KR.dcm"));
        // The one frame's codestream cut to a third, its item length made to match: listed, but not decodable.
        org.lumen.testdata.fuzz.DicomLayout layout = org.lumen.testdata.fuzz.DicomLayout.of(file).orElseThrow();
        var fragment = layout.fragments().get(1);
        int kept = fragment.length() / 3 & ~1;
        byte[] cut = new byte[file.length - (fragment.length() - kept)];
        System.arraycopy(file, 0, cut, 0, fragment.valueStart() + kept);
        System.arraycopy(file, fragment.valueStart() + fragment.length(), cut, fragment.valueStart() + kept,
                file.length - fragment.valueStart() - fragment.length());
        java.nio.ByteBuffer.wrap(cut).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(fragment.start() + 4, kept);
        java.nio.file.Files.write(broken.resolve("cut.dcm"), cut);
        Path png = folder.resolve("broken.png");

        // Not a timing assertion: the window answers in seconds; a test timeout, not this, guards a hang.
        CliRun result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120),
                () -> lumen("snapshot", broken.toString(), "--size", "1024x640", "--out", png.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("could not be shown").contains("JPEG 2000");
        assertThat(png).isRegularFile();
    }

    /** "auto" and "full range" come from the loaded values, as keys 8 and 9 give them in the window. */
    @Test
    void takesTheAutomaticAndFullRangeWindowsFromTheSeriesValues() {
        CliRun full = lumen("snapshot", study.toString(), "--window", "full range", "--size", "640x400",
                "--out", folder.resolve("full.png").toString());
        assertThat(full.exitCode()).as(full.err()).isZero();

        CliRun auto = lumen("snapshot", study.toString(), "--window", "AUTO", "--size", "640x400",
                "--out", folder.resolve("auto.png").toString());
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        // Full range spans the extremes, auto the 0.5th-99.5th percentiles inside them: never wider.
        assertThat(width(full.out(), "full range")).isGreaterThan(width(auto.out(), "auto"));

        CliRun unknown = lumen("snapshot", study.toString(), "--window", "cardiac", "--out", folder.resolve("z.png").toString());
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("unknown window 'cardiac'").contains("auto, full range");
    }

    private static double width(String out, String window) {
        Matcher m = Pattern.compile("window " + window + " \\(C -?\\d+, W (\\d+)\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void refusesAnUnknownLayoutWithASentence() {
        CliRun result = lumen("snapshot", study.toString(), "--layout", "3x3", "--out", folder.resolve("x.png").toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown layout '3x3'").contains("1x1, 1x2, 2x2 or mpr");
        assertThat(folder.resolve("x.png")).doesNotExist();
    }

    @Test
    void refusesABadSize() {
        CliRun result = lumen("snapshot", study.toString(), "--size", "big", "--out", folder.resolve("y.png").toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("--size must be WIDTHxHEIGHT");
    }
}
