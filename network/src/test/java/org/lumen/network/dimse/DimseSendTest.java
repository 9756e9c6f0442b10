// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.Timeouts;
import org.lumen.network.node.PacsNode;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.Samples;

/** C-STORE to a real Orthanc: files go as they are (compressed ones stay compressed), and what is not DICOM is reported. */
class DimseSendTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static PacsNode node;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults());
        node = PacsNode.dimse("test", OrthancServer.AET, "127.0.0.1", orthanc.dicomPort(), false);
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Test
    void sendsUncompressedAndCompressedFilesAsTheyAreAndReportsTheRest() throws Exception {
        Path phantom = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(41).size(Size.of(48, 48, 6)).noduleCount(0)
                .build()).directory();
        List<Path> files = new ArrayList<>(dicomFiles(phantom));
        // A real JPEG-LS lossless CT slice: its data set is sent compressed, as it is in the file.
        Path jpegLs = Samples.file("transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm");
        files.add(jpegLs);
        Path notDicom = Files.writeString(dir.resolve("notes.txt"), "not an image");
        files.add(notDicom);

        SendResult result = new DimseSender(TIMEOUTS, null).send(node, files, TaskContext.none());

        assertThat(result.stored()).hasSize(7).contains(jpegLs);
        assertThat(result.notStored()).containsOnlyKeys(notDicom);
        assertThat(result.notStored().get(notDicom)).contains("is not a DICOM file with file meta information");
        assertThat(orthanc.getJson("/statistics").get("CountInstances").asInt()).isEqualTo(7);
        // Orthanc keeps what it received: the JPEG-LS file comes back byte for byte from the data set on.
        String sop = org.lumen.network.dicom.InstanceFiles.read(jpegLs).sopInstanceUid();
        String id = null;
        for (var instance : orthanc.getJson("/instances?expand")) {
            if (sop.equals(instance.get("MainDicomTags").get("SOPInstanceUID").asText())) {
                id = instance.get("ID").asText();
            }
        }
        assertThat(id).as("the JPEG-LS instance in Orthanc").isNotNull();
        assertThat(orthanc.getJson("/instances/" + id + "/metadata?expand").get("TransferSyntax").asText()).isEqualTo("1.2.840.10008.1.2.4.80");
    }

    private static List<Path> dicomFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).sorted().toList();
        }
    }
}
