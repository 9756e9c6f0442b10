// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;

/** Each kind of source yields the files it should, and reports what it cannot offer. */
class SourcesTest {

    private static final Path PCIR = Path.of("dicomdir", "pcir_fileset");
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void dicomDirListsItsFilesInEveryEncoding() throws Exception {
        for (String name : new String[] {"DICOMDIR", "DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered", "DICOMDIR-nopatient"}) {
            DicomSource source = DicomSources.open(Samples.root().resolve(PCIR).resolve(name), folder);
            assertThat(source).as(name).isInstanceOf(DicomDirSource.class);
            DicomIndex index = index(source);
            assertThat(index.instanceCount()).as(name).isEqualTo(31);
            assertThat(index.allSeries()).as(name).hasSize(13);
            assertThat(index.problems()).as(name).isEmpty();
        }
    }

    @Test
    void anEmptyOrUnreadableDicomDirIsReported() throws Exception {
        DicomIndex empty = index(DicomSources.open(Samples.root().resolve(PCIR).resolve("DICOMDIR-empty.dcm"), folder));
        assertThat(empty.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("lists no files"));
        DicomIndex broken = index(DicomSources.open(Samples.root().resolve(PCIR).resolve("DICOMDIR-nooffset"), folder));
        assertThat(broken.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("DICOMDIR"));
    }

    @Test
    void aDicomDirEntryWhoseFileIsMissingIsReported() throws Exception {
        Path copy = Files.createDirectories(folder.resolve("medium"));
        Files.copy(Samples.root().resolve(PCIR).resolve("DICOMDIR"), copy.resolve("DICOMDIR"));
        DicomIndex index = index(new DicomDirSource(copy.resolve("DICOMDIR")));
        assertThat(index.instanceCount()).isZero();
        assertThat(index.problems()).hasSize(31).allSatisfy(p -> assertThat(p.reason()).contains("missing from the medium"));
    }

    @Test
    void aDicomDirCannotMakeLumenReadFilesOutsideItsFolder() throws Exception {
        // A hostile medium: three records point at ..\outside\SECRET (a real DICOM file there), /etc/passwd and a drive.
        Path medium = Files.createDirectories(folder.resolve("medium"));
        Path outside = Files.createDirectories(folder.resolve("outside"));
        try (var files = Files.list(Samples.file("ct_series/philips_phantom_std_brain_1mm"))) {
            Files.copy(files.sorted().findFirst().orElseThrow(), outside.resolve("SECRET"));
        }
        com.pixelmed.dicom.AttributeList dir = new com.pixelmed.dicom.AttributeList();
        dir.read(Samples.root().resolve(PCIR).resolve("DICOMDIR").toFile());
        var records = (com.pixelmed.dicom.SequenceAttribute) dir.get(com.pixelmed.dicom.TagFromName.DirectoryRecordSequence);
        String[][] hostile = {{"..", "outside", "SECRET"}, {"/etc/passwd"}, {"C:", "WINDOWS", "WIN.INI"}};
        int changed = 0;
        for (int i = 0; i < records.getNumberOfItems() && changed < hostile.length; i++) {
            com.pixelmed.dicom.AttributeList record = records.getItem(i).getAttributeList();
            if (record.get(com.pixelmed.dicom.TagFromName.ReferencedFileID) != null) {
                var id = new com.pixelmed.dicom.CodeStringAttribute(com.pixelmed.dicom.TagFromName.ReferencedFileID);
                for (String component : hostile[changed++]) {
                    id.addValue(component);
                }
                record.put(id);
            }
        }
        dir.write(medium.resolve("DICOMDIR").toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);

        DicomIndex index = index(new DicomDirSource(medium.resolve("DICOMDIR")));

        assertThat(index.instanceCount()).as("nothing outside the medium is read").isZero();
        assertThat(index.problems()).filteredOn(p -> p.reason().startsWith("refused")).hasSize(3)
                .allSatisfy(p -> assertThat(p.reason()).endsWith("Lumen reads only files inside the DICOMDIR's folder"));
        assertThat(index.problems()).anySatisfy(p -> assertThat(p.reason()).contains("climbs out of the DICOMDIR's folder"));
    }

    @Test
    void aZipBombIsRefusedAndLeavesNothingBehind() throws Exception {
        Path zip = folder.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("zeros.dcm"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);   // 64 MB that deflate to about 64 KB
            }
            out.closeEntry();
        }
        Path scratch = folder.resolve("scratch");
        ZipSource source = new ZipSource(zip, scratch, new ZipSource.Limits(64L << 30, 20));

        assertThatThrownBy(() -> source.list(org.lumen.task.TaskContext.none())).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("refused as a possible zip bomb").hasMessageContaining("unpacks to more than 20 MB");
        try (var left = Files.list(scratch)) {
            assertThat(left).as("no partial extraction is left").isEmpty();
        }
    }

    @Test
    void aDicomFileWhosePreambleStartsLikeAZipIsStillDicom() throws Exception {
        byte[] file;
        try (var files = Files.list(Samples.file("ct_series/philips_phantom_std_brain_1mm"))) {
            file = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
        file[0] = 'P';
        file[1] = 'K';
        file[2] = 3;
        file[3] = 4;
        Path odd = folder.resolve("pk-preamble.dcm");
        Files.write(odd, file);

        DicomSource source = DicomSources.open(odd, folder.resolve("scratch"));

        assertThat(source).isInstanceOf(FileSource.class);
        assertThat(index(source).instanceCount()).isEqualTo(1);
    }

    @Test
    void aZipsProblemsAreTheSameOnEveryOpen() throws Exception {
        Path zip = folder.resolve("twice.zip");
        byte[] file;
        try (var files = Files.list(Samples.file("ct_series/philips_phantom_std_brain_1mm"))) {
            file = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, "CT/one.dcm", file);
            add(out, "../../evil.dcm", new byte[] {1, 2, 3});
        }
        DicomSource source = DicomSources.open(zip, folder.resolve("scratch"));

        DicomIndex first = index(source);
        DicomIndex second = index(source);

        assertThat(first.instanceCount()).isEqualTo(1);
        assertThat(first.problems()).isNotEmpty();
        assertThat(second.problems()).as("the second open reads the extracted folder, and still says what was skipped")
                .containsExactlyInAnyOrderElementsOf(first.problems());
    }

    @Test
    void aZipIsExtractedAndIndexedAndEntriesEscapingItAreRefused() throws Exception {
        Path zip = folder.resolve("study.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            try (var files = Files.list(Samples.file("ct_series/philips_phantom_std_brain_1mm"))) {
                for (Path f : files.sorted().limit(5).toList()) {
                    add(out, "CT/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
            add(out, "../../evil.dcm", new byte[] {1, 2, 3});
        }
        DicomSource source = DicomSources.open(zip, folder.resolve("scratch"));
        assertThat(source).isInstanceOf(ZipSource.class);
        DicomIndex index = index(source);
        assertThat(index.instanceCount()).isEqualTo(5);
        assertThat(index.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("outside the archive"));
        assertThat(folder.resolve("evil.dcm")).doesNotExist();
        // Opening it again reuses the extraction.
        assertThat(index(DicomSources.open(zip, folder.resolve("scratch"))).instanceCount()).isEqualTo(5);
    }

    @Test
    void aSingleFileAndAMissingPath() throws Exception {
        DicomSource single = DicomSources.open(Samples.file("wg04/CT2_UNC.dcm"), folder);
        assertThat(single).isInstanceOf(FileSource.class);
        assertThat(index(single).instanceCount()).isEqualTo(1);
        assertThatThrownBy(() -> DicomSources.open(folder.resolve("nothing-here"), folder)).isInstanceOf(IOException.class);
    }

    private DicomIndex index(DicomSource source) throws IOException {
        return new Indexer(pool, 2).index(source, TaskContext.none());
    }

    private static void add(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream entry = out;
        entry.write(bytes);
        out.closeEntry();
    }
}
