// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command (PS3.7 §9, §E): the elements of group 0000, always encoded Implicit VR Little
 * Endian whatever the presentation context's transfer syntax. Values are kept as the integer or
 * string each element's VR gives (US, UL as numbers; UI, AE, LO as text).
 */
public final class CommandSet {

    public static final int AFFECTED_SOP_CLASS_UID = 0x0002;
    public static final int COMMAND_FIELD = 0x0100;
    public static final int MESSAGE_ID = 0x0110;
    public static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x0120;
    public static final int MOVE_DESTINATION = 0x0600;
    public static final int PRIORITY = 0x0700;
    public static final int COMMAND_DATA_SET_TYPE = 0x0800;
    public static final int STATUS = 0x0900;
    public static final int ERROR_COMMENT = 0x0902;
    public static final int AFFECTED_SOP_INSTANCE_UID = 0x1000;
    public static final int REMAINING_SUBOPERATIONS = 0x1020;
    public static final int COMPLETED_SUBOPERATIONS = 0x1021;
    public static final int FAILED_SUBOPERATIONS = 0x1022;
    public static final int WARNING_SUBOPERATIONS = 0x1023;

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_GET_RSP = 0x8010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_FIND_RSP = 0x8020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_MOVE_RSP = 0x8021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int C_CANCEL_RQ = 0x0FFF;

    /** (0000,0800) when no data set follows the command. */
    public static final int NO_DATA_SET = 0x0101;
    /** (0000,0800) when a data set follows (any other value means one does). */
    public static final int DATA_SET_PRESENT = 0x0000;

    /** Elements whose value is a 16-bit unsigned integer; (0000,0000) is UL; the rest here are text. */
    private static final java.util.Set<Integer> US = java.util.Set.of(COMMAND_FIELD, MESSAGE_ID, MESSAGE_ID_BEING_RESPONDED_TO,
            PRIORITY, COMMAND_DATA_SET_TYPE, STATUS, REMAINING_SUBOPERATIONS, COMPLETED_SUBOPERATIONS, FAILED_SUBOPERATIONS,
            WARNING_SUBOPERATIONS);
    private static final java.util.Set<Integer> UIDS = java.util.Set.of(AFFECTED_SOP_CLASS_UID, AFFECTED_SOP_INSTANCE_UID, 0x0003, 0x1001);

    private final Map<Integer, Object> elements = new TreeMap<>();

    public CommandSet set(int element, int value) {
        elements.put(element, value);
        return this;
    }

    public CommandSet set(int element, String value) {
        elements.put(element, value);
        return this;
    }

    /** The value of a US/UL element, or {@code absent}. */
    public int integer(int element, int absent) {
        return elements.get(element) instanceof Integer i ? i : absent;
    }

    /** The value of a text element (trailing padding removed), or null. */
    public String text(int element) {
        return elements.get(element) instanceof String s ? s : null;
    }

    public int commandField() {
        return integer(COMMAND_FIELD, -1);
    }

    public int status() {
        return integer(STATUS, -1);
    }

    public boolean hasDataSet() {
        return integer(COMMAND_DATA_SET_TYPE, NO_DATA_SET) != NO_DATA_SET;
    }

    /** The response ({@code field}) to request {@code rq}, with its status and, when given, an error comment of at most 64 characters. */
    public static CommandSet responseTo(CommandSet rq, int field, int status, String comment) {
        CommandSet rsp = new CommandSet().set(AFFECTED_SOP_CLASS_UID, rq.text(AFFECTED_SOP_CLASS_UID)).set(COMMAND_FIELD, field)
                .set(MESSAGE_ID_BEING_RESPONDED_TO, rq.integer(MESSAGE_ID, 0)).set(COMMAND_DATA_SET_TYPE, NO_DATA_SET).set(STATUS, status);
        if (rq.text(AFFECTED_SOP_INSTANCE_UID) != null) {
            rsp.set(AFFECTED_SOP_INSTANCE_UID, rq.text(AFFECTED_SOP_INSTANCE_UID));
        }
        if (comment != null) {
            rsp.set(ERROR_COMMENT, comment.length() > 64 ? comment.substring(0, 64) : comment);
        }
        return rsp;
    }

    /** Implicit VR Little Endian, with the group length (0000,0000) first. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        elements.forEach((element, value) -> {
            byte[] v = switch (value) {
                case Integer i -> US.contains(element) ? little(2, i) : little(4, i);
                case String s -> padded(s, UIDS.contains(element) ? (byte) 0 : (byte) ' ');
                default -> throw new IllegalStateException("unexpected value " + value);
            };
            body.writeBytes(header(element, v.length));
            body.writeBytes(v);
        });
        byte[] rest = body.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header(0x0000, 4));
        all.writeBytes(little(4, rest.length));
        all.writeBytes(rest);
        return all.toByteArray();
    }

    /** Reads a command; elements outside this class's list are kept as text or numbers by their length. */
    public static CommandSet decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CommandSet c = new CommandSet();
        while (b.remaining() >= 8) {
            int group = Short.toUnsignedInt(b.getShort());
            int element = Short.toUnsignedInt(b.getShort());
            int length = b.getInt();
            if (group != 0 || length < 0 || length > b.remaining()) {
                throw new IllegalArgumentException("not a DIMSE command: element (" + Integer.toHexString(group) + ","
                        + Integer.toHexString(element) + ") of length " + length);
            }
            if (element == 0x0000) {
                b.position(b.position() + length);
                continue;
            }
            if (US.contains(element) && length == 2) {
                c.set(element, Short.toUnsignedInt(b.getShort()));
            } else if (length == 4 && !UIDS.contains(element) && element != MOVE_DESTINATION) {
                c.set(element, b.getInt());
            } else {
                byte[] v = new byte[length];
                b.get(v);
                c.set(element, new String(v, StandardCharsets.US_ASCII).replaceAll("[\\x00 ]+$", ""));
            }
        }
        return c;
    }

    private static byte[] header(int element, int length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0).putShort((short) element).putInt(length).array();
    }

    private static byte[] little(int size, int value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        if (size == 2) {
            b.putShort((short) value);
        } else {
            b.putInt(value);
        }
        return b.array();
    }

    /** DICOM values have even length: UIDs are padded with NUL, other text with a space. */
    private static byte[] padded(String s, byte pad) {
        byte[] text = s.getBytes(StandardCharsets.US_ASCII);
        if (text.length % 2 == 0) {
            return text;
        }
        byte[] even = java.util.Arrays.copyOf(text, text.length + 1);
        even[text.length] = pad;
        return even;
    }

    @Override
    public String toString() {
        return "CommandSet" + elements;
    }
}
