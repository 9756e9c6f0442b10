// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InlineNodesTest {

    @Test
    void readsDimseNodesWithAndWithoutTls() {
        PacsNode plain = InlineNodes.parse("dimse://ORTHANC@localhost:4242");
        assertThat(plain.protocol()).isEqualTo(PacsNode.Protocol.DIMSE);
        assertThat(plain.calledAet()).isEqualTo("ORTHANC");
        assertThat(plain.callingAet()).isEqualTo("LUMEN");
        assertThat(plain.host()).isEqualTo("localhost");
        assertThat(plain.port()).isEqualTo(4242);
        assertThat(plain.tls()).isFalse();
        assertThat(plain.describe()).isEqualTo("ORTHANC@localhost:4242");

        PacsNode tls = InlineNodes.parse("DIMSE+TLS://PACS_1@10.0.0.5:2762");
        assertThat(tls.tls()).isTrue();
        assertThat(tls.describe()).isEqualTo("PACS_1@10.0.0.5:2762 (TLS)");
        assertThat(InlineNodes.isInline("dimse+tls://A@h:1")).isTrue();
        assertThat(InlineNodes.isInline("main PACS")).isFalse();
    }

    @Test
    void readsDicomWebNodesAndDropsATrailingSlash() {
        PacsNode web = InlineNodes.parse("dicomweb+http://localhost:8042/dicom-web/");
        assertThat(web.protocol()).isEqualTo(PacsNode.Protocol.DICOMWEB);
        assertThat(web.baseUrl()).hasToString("http://localhost:8042/dicom-web");
        assertThat(InlineNodes.parse("dicomweb+https://pacs.example.org/wado").baseUrl()).hasToString("https://pacs.example.org/wado");
    }

    @Test
    void refusesWhatIsNotANodeWithASentence() {
        assertThatThrownBy(() -> InlineNodes.parse("dimse://localhost:4242")).hasMessageContaining("write dimse://AET@host:port");
        assertThatThrownBy(() -> InlineNodes.parse("dimse://ORTHANC@localhost")).hasMessageContaining("write dimse://AET@host:port");
        assertThatThrownBy(() -> InlineNodes.parse("dimse://THIS_TITLE_IS_FAR_TOO_LONG@h:104")).hasMessageContaining("longer than 16");
        assertThatThrownBy(() -> InlineNodes.parse("dimse://A@h:70000")).hasMessageContaining("port 70000 is not a TCP port");
        assertThatThrownBy(() -> InlineNodes.parse("ftp://x")).hasMessageContaining("dimse://AET@host:port");
        assertThatThrownBy(() -> InlineNodes.parse("dicomweb+https://user:secret@pacs/dicom-web"))
                .hasMessageContaining("credentials do not belong").hasMessageNotContaining("secret");
    }
}
