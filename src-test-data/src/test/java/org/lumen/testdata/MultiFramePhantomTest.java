// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiFramePhantomTest {

    @TempDir
    Path temp;

    @Test
    void writesOneEnhancedCtWithAllFrames() throws IOException {
        ChestCtSpec spec = ChestCtSpec.multiFrameBuilder().seed(4).build();
        PhantomResult result = Phantoms.writeMultiFrame(temp.resolve("mf"), spec);
        PhantomVolume volume = Phantoms.renderChestCt(spec);

        assertThat(spec.size()).isEqualTo(Size.of(128, 128, 40));
        assertThat(result.dicomFiles()).hasSize(1);
        assertThat(result.nodules()).hasSize(3);
        assertThat(result.groundTruth().phantom()).isEqualTo("chest-ct-multiframe");
        assertThat(result.groundTruth().files()).hasSize(1);
        Path file = result.dicomFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        // Enhanced CT Image Storage SOP class, as ASCII in the file.
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("1.2.840.10008.5.1.4.1.1.2.1");
        short[] stored = RawPixels.lastSamples(file, volume.values().length);
        for (int n = 0; n < stored.length; n++) {
            assertThat(stored[n] - 1024).isEqualTo(volume.values()[n]);
        }
    }
}
