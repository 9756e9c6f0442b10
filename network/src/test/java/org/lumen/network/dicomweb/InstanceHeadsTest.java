// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lumen.network.dicom.InstanceHeads;
import org.lumen.viewer.dicom.Part10Files;

/** Naming an instance from its first bytes, as WADO-RS parts arrive: Part 10 files and bare data sets in either little-endian VR form. */
class InstanceHeadsTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String UID = "1.2.826.0.1.3680043.8.498.1234";

    @Test
    void part10FileMetaInformation() throws IOException {
        byte[] head = Part10Files.header(CT, UID, "1.2.840.10008.1.2.4.80", null);

        InstanceHeads.Head read = InstanceHeads.read(head, head.length, "ignored for Part 10");

        assertThat(read).isEqualTo(new InstanceHeads.Head(CT, UID, "1.2.840.10008.1.2.4.80", true));
    }

    @Test
    void bareDataSetsInExplicitAndImplicitVr() throws IOException {
        byte[] explicit = dataSet(true);
        byte[] implicit = dataSet(false);

        assertThat(InstanceHeads.read(explicit, explicit.length, null))
                .isEqualTo(new InstanceHeads.Head(CT, UID, InstanceHeads.EXPLICIT_VR_LITTLE_ENDIAN, false));
        assertThat(InstanceHeads.read(implicit, implicit.length, InstanceHeads.IMPLICIT_VR_LITTLE_ENDIAN))
                .isEqualTo(new InstanceHeads.Head(CT, UID, InstanceHeads.IMPLICIT_VR_LITTLE_ENDIAN, false));
    }

    @Test
    void whatCannotBeNamedIsRefusedWithTheReason() {
        byte[] explicit = dataSet(true);
        assertThatThrownBy(() -> InstanceHeads.read(explicit, explicit.length, "1.2.840.10008.1.2.2"))
                .hasMessageContaining("1.2.840.10008.1.2.2");
        // Cut before the SOP Instance UID has arrived.
        assertThatThrownBy(() -> InstanceHeads.read(explicit, 30, null)).hasMessageContaining("SOP Class and Instance UID");
    }

    /** (0008,0005) CS, (0008,0016) UI, (0008,0018) UI, then (0010,0010) PN, in Little Endian. */
    private static byte[] dataSet(boolean explicit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        element(out, explicit, 0x0008, 0x0005, "CS", "ISO_IR 100");
        element(out, explicit, 0x0008, 0x0016, "UI", CT);
        element(out, explicit, 0x0008, 0x0018, "UI", UID);
        element(out, explicit, 0x0010, 0x0010, "PN", "DOE^J");
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, boolean explicit, int group, int element, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        if (v.length % 2 == 1) {
            v = java.util.Arrays.copyOf(v, v.length + 1);   // UI pads with NUL, others with a space; either is stripped
        }
        short16(out, group);
        short16(out, element);
        if (explicit) {
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            short16(out, v.length);
        } else {
            short16(out, v.length);
            short16(out, 0);
        }
        out.writeBytes(v);
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >> 8 & 0xFF);
    }
}
