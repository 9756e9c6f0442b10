// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.PydicomFiles;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.TransferSyntaxes;
import org.lumen.viewer.dicom.UndecodablePixelsException;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Every image of the shared corpus (and pydicom's twins in syntaxes the corpus lacks) decoded by
 * Lumen, modality LUT applied, every frame, against a reference decoder: GDCM ({@code gdcmconv --raw},
 * Debian libgdcm-tools), or DCMTK ({@code dcmdrle}, {@code dcmdjpeg}, {@code dcmdjpls}, {@code dcmconv})
 * where GDCM declines, with pydicom turning the uncompressed result into modality values or 8-bit RGB.
 * Lossless syntaxes must match exactly; lossy ones within {@link #LOSSY_TOLERANCE}. A file that no
 * reference decodes must be refused by Lumen with a reason. The test prints a table of transfer
 * syntax × photometric interpretation × result.
 */
class ReferenceConformanceTest {

    /** Largest difference allowed for lossy syntaxes: inverse DCTs and colour upsampling round differently. */
    private static final double LOSSY_TOLERANCE = 2;
    /** Colour JPEG baseline: Java's JPEG reader upsamples chroma without libjpeg's smoothing. */
    private static final double LOSSY_COLOUR_TOLERANCE = 40;
    private static final Set<String> LOSSY = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.53",
            "1.2.840.10008.1.2.4.55", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.203");
    private static final Set<String> UNCOMPRESSED = Set.of(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN);
    private static final List<String> PYDICOM_TWINS = List.of("rtdose_expb.dcm", "rtdose_rle.dcm", "SC_rgb_rle_16bit.dcm",
            "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm");

    /** Files a reference decodes but Lumen refuses, each with why: known gaps, listed so a new one fails. */
    private static final Map<String, String> KNOWN_GAPS = Map.of();
    /** Files no tool here decodes to DICOM but another test checks against a reference: which, and how. */
    private static final Map<String, String> VERIFIED_ELSEWHERE = Map.of(
            "transfer_syntaxes/pydicom/HTJ2KLossless_08_RGB.dcm",
            "HTJ2K, which GDCM 3.0 and DCMTK 3.6.7 do not decode: Jpeg2000ReferenceTest compares it with opj_decompress");

    @TempDir
    Path folder;

    private final DicomHeaderReader reader = new DicomHeaderReader();

    enum Result { EXACT, WITHIN_TOLERANCE, MISMATCH, REFUSED_BY_ALL, LUMEN_REFUSED, ONLY_LUMEN }

    record Row(String file, String syntax, String photometric, Result result, String detail) { }

    @Test
    void everyImageDecodesToTheReferenceValuesOrIsRefusedWithAReason() throws Exception {
        assumeTrue(onPath("gdcmconv"), "gdcmconv (Debian package libgdcm-tools) is not installed");
        assumeTrue(onPath("dcmconv"), "DCMTK (Debian package dcmtk) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 with python3-pydicom is not installed");
        List<Path> files = new ArrayList<>(Samples.allFiles());
        for (String twin : PYDICOM_TWINS) {
            files.add(PydicomFiles.file(twin));
        }
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            InstanceHeader header = null;
            UndecodablePixelsException refusal = null;
            try {
                header = reader.read(file);
            } catch (UndecodablePixelsException e) {
                refusal = e; // an image whose pixels Lumen refuses when indexing: the references still get their say
            } catch (UnusableFileException e) {
                continue; // not an image Lumen indexes: SampleCorpusTest holds each one's reason
            }
            if (header != null && !header.hasPixels()) {
                continue;
            }
            Case c = new Case(file, header, refusal, cases.size());
            decompress(c);
            cases.add(c);
        }
        readReferenceValues(cases);

        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(compare(c));
        }
        System.out.println(table(rows));
        rows.stream().filter(r -> r.result() != Result.EXACT && r.result() != Result.WITHIN_TOLERANCE)
                .forEach(r -> System.out.println("  " + r.result() + "  " + r.file() + ": " + r.detail()));

        assertThat(rows).filteredOn(r -> r.result() == Result.MISMATCH).as("files decoded differently from the reference").isEmpty();
        assertThat(rows).filteredOn(r -> r.result() == Result.ONLY_LUMEN && !VERIFIED_ELSEWHERE.containsKey(r.file()))
                .as("files only Lumen decodes (unverified)").isEmpty();
        assertThat(rows).filteredOn(r -> r.result() == Result.LUMEN_REFUSED && !KNOWN_GAPS.containsKey(r.file()))
                .as("files a reference decodes but Lumen refuses").isEmpty();
        assertThat(rows).filteredOn(r -> r.result() == Result.REFUSED_BY_ALL)
                .allSatisfy(r -> assertThat(r.detail()).as("refusal reason of %s", r.file()).isNotBlank());
    }

    /** One reference decoding of a case: the tool, its uncompressed output, and what pydicom made of it. */
    private static final class Reference {
        final String tool;
        final Path input;
        final Path values;
        String kind;
        int frames;
        String error;

        Reference(String tool, Path input, Path values) {
            this.tool = tool;
            this.input = input;
            this.values = values;
        }
    }

    private static final class Case {
        final Path file;
        final InstanceHeader header;
        final UndecodablePixelsException refusal;
        final String syntax;
        final org.lumen.viewer.image.PixelDescription pixels;
        final int id;
        final List<Reference> references = new ArrayList<>();
        final StringBuilder errors = new StringBuilder();

        Case(Path file, InstanceHeader header, UndecodablePixelsException refusal, int id) {
            this.file = file;
            this.header = header;
            this.refusal = refusal;
            this.syntax = header != null ? header.transferSyntaxUid() : refusal.transferSyntaxUid();
            this.pixels = header != null ? header.pixels() : refusal.pixels();
            this.id = id;
        }

        String name() {
            return file.startsWith(Samples.root()) ? Samples.relative(file) : "pydicom:" + file.getFileName();
        }

        List<Reference> read() {
            return references.stream().filter(r -> r.kind != null).toList();
        }
    }

    /**
     * Every reference decoding of the file: pydicom on the original and DCMTK's {@code dcmconv} copy for
     * uncompressed syntaxes (GDCM and DCMTK both keep a big-endian 32-bit OW value's word order, which
     * pydicom and the little-endian twin disagree with); GDCM's copy and DCMTK's tool for the syntax
     * otherwise (GDCM's RLE of single-frame 16-bit RGB differs from DCMTK's and pydicom's).
     */
    private void decompress(Case c) throws IOException, InterruptedException {
        String syntax = c.syntax;
        List<List<String>> tools = new ArrayList<>();
        if (UNCOMPRESSED.contains(syntax)) {
            c.references.add(new Reference("pydicom", c.file.toAbsolutePath(), folder.resolve(c.id + "-pydicom.values")));
            tools.add(List.of("dcmconv", "+te", c.file.toString()));
        } else {
            tools.add(List.of("gdcmconv", "--raw", c.file.toString()));
            if ("1.2.840.10008.1.2.5".equals(syntax)) {
                tools.add(List.of("dcmdrle", c.file.toString()));
            } else if (syntax != null && syntax.startsWith("1.2.840.10008.1.2.4.8")) {
                tools.add(List.of("dcmdjpls", c.file.toString()));
            } else if (syntax != null && syntax.startsWith("1.2.840.10008.1.2.4.5") || "1.2.840.10008.1.2.4.57".equals(syntax)
                    || "1.2.840.10008.1.2.4.70".equals(syntax)) {
                tools.add(List.of("dcmdjpeg", c.file.toString()));
            }
        }
        for (List<String> tool : tools) {
            Path out = folder.resolve(c.id + "-" + tool.getFirst() + ".dcm");
            List<String> command = new ArrayList<>(tool);
            command.add(out.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0 && Files.isRegularFile(out)) {
                c.references.add(new Reference(tool.getFirst(), out, folder.resolve(c.id + "-" + tool.getFirst() + ".values")));
            } else {
                c.errors.append(tool.getFirst()).append(": ").append(output.lines().findFirst().orElse("failed")).append("; ");
            }
        }
    }

    /** One pydicom process for every reference decoding. */
    private void readReferenceValues(List<Case> cases) throws IOException, InterruptedException {
        Path script = folder.resolve("reference_values.py");
        try (var in = getClass().getResourceAsStream("/conformance/reference_values.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Reference> all = cases.stream().flatMap(c -> c.references.stream()).toList();
        try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (Reference r : all) {
                w.write(r.values + "\t" + r.input + "\n");
            }
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (Reference r : all) {
                String[] words = in.readLine().split(" ", 3);
                if (words[0].equals("ok")) {
                    r.kind = words[1];
                    r.frames = Integer.parseInt(words[2]);
                } else {
                    r.error = "pydicom could not read " + r.tool + "'s output: " + String.join(" ", words);
                }
            }
        }
        assertThat(p.waitFor()).isZero();
        for (Case c : cases) {
            c.references.stream().filter(r -> r.error != null).forEach(r -> c.errors.append(r.error).append("; "));
        }
    }

    private Row compare(Case c) throws IOException {
        String syntax = c.syntax;
        String photometric = c.pixels.photometric().dicomName() + " " + c.pixels.bitsAllocated() + "-bit";
        List<VoxelSlice> ours;
        try {
            if (c.refusal != null) {
                throw c.refusal;
            }
            ours = InstanceValues.decode(c.header);
        } catch (UnusableFileException e) {
            return c.read().isEmpty()
                    ? new Row(c.name(), syntax, photometric, Result.REFUSED_BY_ALL, "Lumen: " + e.getMessage() + "; " + c.errors)
                    : new Row(c.name(), syntax, photometric, Result.LUMEN_REFUSED, e.getMessage());
        }
        if (c.read().isEmpty()) {
            return new Row(c.name(), syntax, photometric, Result.ONLY_LUMEN, c.errors.toString());
        }
        double best = Double.MAX_VALUE;
        List<String> details = new ArrayList<>();
        for (Reference r : c.read()) {
            double worst = largestDifference(ours, r);
            best = Math.min(best, worst);
            details.add(String.format(Locale.ROOT, "%s %.3g", r.tool, worst));
        }
        String detail = "largest difference from " + String.join(", ", details);
        if (best == 0) {
            return new Row(c.name(), syntax, photometric, Result.EXACT, detail);
        }
        boolean colour = c.read().getFirst().kind.equals("colour");
        double slope = Math.max(1, Math.abs(c.header.modalityLut().slope()));
        double tolerance = !LOSSY.contains(syntax) ? 0 : colour ? LOSSY_COLOUR_TOLERANCE : LOSSY_TOLERANCE * slope;
        return new Row(c.name(), syntax, photometric, best <= tolerance ? Result.WITHIN_TOLERANCE : Result.MISMATCH, detail);
    }

    /** The largest difference of any value (grey) or channel (colour) from one reference; infinite if the shapes differ. */
    private static double largestDifference(List<VoxelSlice> ours, Reference r) throws IOException {
        if (ours.size() != r.frames) {
            return Double.POSITIVE_INFINITY;
        }
        ByteBuffer reference = ByteBuffer.wrap(Files.readAllBytes(r.values)).order(ByteOrder.LITTLE_ENDIAN);
        boolean colour = r.kind.equals("colour");
        double worst = 0;
        for (VoxelSlice slice : ours) {
            int n = slice.columns() * slice.rows();
            if ((slice.type() == VoxelType.RGB) != colour || reference.remaining() < n * (colour ? 3 : 8)) {
                return Double.POSITIVE_INFINITY;
            }
            for (int i = 0; i < n; i++) {
                if (colour) {
                    int argb = slice.argb()[i];
                    worst = Math.max(worst, Math.abs((argb >> 16 & 0xFF) - (reference.get() & 0xFF)));
                    worst = Math.max(worst, Math.abs((argb >> 8 & 0xFF) - (reference.get() & 0xFF)));
                    worst = Math.max(worst, Math.abs((argb & 0xFF) - (reference.get() & 0xFF)));
                } else {
                    double expected = reference.getDouble();
                    double difference = Math.abs(slice.value(i % slice.columns(), i / slice.columns()) - expected);
                    // Float voxels hold a non-integral rescale in single precision.
                    boolean rounding = slice.type() == VoxelType.FLOAT32 && difference <= 1e-5 * Math.max(1, Math.abs(expected));
                    worst = Math.max(worst, rounding ? 0 : difference);
                }
            }
        }
        return worst;
    }

    private static String table(List<Row> rows) {
        Map<String, Map<Result, Integer>> counts = new TreeMap<>();
        for (Row r : rows) {
            counts.computeIfAbsent(String.format(Locale.ROOT, "%-58s | %-20s", TransferSyntaxes.name(r.syntax()), r.photometric()),
                    k -> new TreeMap<>()).merge(r.result(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%-58s | %-20s | %s%n", "transfer syntax", "photometric", "result"));
        counts.forEach((key, results) -> out.append(key).append(" | ").append(String.join(", ",
                results.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList()))
                .append('\n'));
        return out.toString();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
