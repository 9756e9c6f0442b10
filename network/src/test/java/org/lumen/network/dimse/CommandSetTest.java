// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class CommandSetTest {

    @Test
    void encodesImplicitLittleEndianWithTheGroupLengthFirstAndReadsItBack() {
        CommandSet rq = new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, "1.2.840.10008.1.1")
                .set(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RQ).set(CommandSet.MESSAGE_ID, 7)
                .set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET);
        byte[] bytes = rq.encode();

        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort()).isZero();
        assertThat(b.getShort()).isZero();
        assertThat(b.getInt()).isEqualTo(4);
        assertThat(b.getInt()).as("group length: the bytes after it").isEqualTo(bytes.length - 12);
        // The 17-character UID is padded to 18 with a NUL, as UIDs are.
        assertThat(b.getShort()).isZero();
        assertThat(b.getShort()).isEqualTo((short) 0x0002);
        assertThat(b.getInt()).isEqualTo(18);
        assertThat(bytes[12 + 8 + 17]).isZero();

        CommandSet back = CommandSet.decode(bytes);
        assertThat(back.text(CommandSet.AFFECTED_SOP_CLASS_UID)).isEqualTo("1.2.840.10008.1.1");
        assertThat(back.commandField()).isEqualTo(CommandSet.C_ECHO_RQ);
        assertThat(back.integer(CommandSet.MESSAGE_ID, -1)).isEqualTo(7);
        assertThat(back.hasDataSet()).isFalse();
        assertThat(new CommandSet().set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.DATA_SET_PRESENT).hasDataSet()).isTrue();
    }

    @Test
    void refusesBytesThatAreNotACommand() {
        byte[] notCommand = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 8).putShort((short) 0x18)
                .putInt(4).putInt(0).array();
        assertThatThrownBy(() -> CommandSet.decode(notCommand)).hasMessageContaining("not a DIMSE command");
    }
}
