// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the protocol data units of the DICOM upper layer (PS3.8 §9.3) that Lumen sends as an
 * association requestor. All lengths are big-endian, as the upper layer is; the DIMSE messages inside
 * P-DATA are little-endian (see {@link CommandSet}).
 */
final class Pdus {

    static final int ASSOCIATE_RQ = 0x01;
    static final int ASSOCIATE_AC = 0x02;
    static final int ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int RELEASE_RQ = 0x05;
    static final int RELEASE_RP = 0x06;
    static final int ABORT = 0x07;

    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    /** Lumen's implementation class UID, the same in every build: a name-based UUID. */
    static final String IMPLEMENTATION_CLASS_UID = org.lumen.viewer.dicom.DicomUids.fromName("org.lumen implementation class");
    static final String IMPLEMENTATION_VERSION = "LUMEN_0.1";
    /** The largest P-DATA PDU Lumen accepts (and sends when the peer allows it). */
    static final int MAX_PDU_LENGTH = 65536;

    private Pdus() { }

    /**
     * @param scpRoleFor SOP classes for which Lumen offers the SCP role (SCP/SCU role selection, PS3.7 §D.3.3.4):
     *                   the storage classes of a C-GET, whose C-STOREs come back on the same association
     */
    static byte[] associateRequest(String calledAet, String callingAet, List<PresentationContext> contexts, List<String> scpRoleFor) {
        Bytes items = new Bytes();
        items.item(0x10, ascii(APPLICATION_CONTEXT));
        for (PresentationContext pc : contexts) {
            Bytes body = new Bytes();
            body.u8(pc.id()).u8(0).u8(0).u8(0);
            body.item(0x30, ascii(pc.abstractSyntax()));
            for (String ts : pc.transferSyntaxes()) {
                body.item(0x40, ascii(ts));
            }
            items.item(0x20, body.toArray());
        }
        Bytes user = new Bytes();
        user.item(0x51, new Bytes().u32(MAX_PDU_LENGTH).toArray());
        user.item(0x52, ascii(IMPLEMENTATION_CLASS_UID));
        user.item(0x55, ascii(IMPLEMENTATION_VERSION));
        for (String sopClass : scpRoleFor) {
            byte[] uid = ascii(sopClass);
            user.item(0x54, new Bytes().u16(uid.length).raw(uid).u8(0).u8(1).toArray()); // SCU role no, SCP role yes
        }
        items.item(0x50, user.toArray());

        Bytes pdu = new Bytes();
        pdu.u16(1).u16(0).raw(aeTitle(calledAet)).raw(aeTitle(callingAet)).raw(new byte[32]).raw(items.toArray());
        return withHeader(ASSOCIATE_RQ, pdu.toArray());
    }

    /** The answer to one proposed presentation context: result 0 accepted, 3 abstract syntax not supported, 4 transfer syntaxes not supported. */
    record ContextAnswer(int id, int result, String transferSyntax) {
    }

    /** A-ASSOCIATE-AC: the storage receiver's answer, echoing the AE titles of the request. */
    static byte[] associateAccept(String calledAet, String callingAet, List<ContextAnswer> answers) {
        Bytes items = new Bytes();
        items.item(0x10, ascii(APPLICATION_CONTEXT));
        for (ContextAnswer a : answers) {
            Bytes body = new Bytes();
            body.u8(a.id()).u8(0).u8(a.result()).u8(0);
            body.item(0x40, ascii(a.transferSyntax()));
            items.item(0x21, body.toArray());
        }
        Bytes user = new Bytes();
        user.item(0x51, new Bytes().u32(MAX_PDU_LENGTH).toArray());
        user.item(0x52, ascii(IMPLEMENTATION_CLASS_UID));
        user.item(0x55, ascii(IMPLEMENTATION_VERSION));
        items.item(0x50, user.toArray());
        Bytes pdu = new Bytes();
        pdu.u16(1).u16(0).raw(aeTitle(calledAet)).raw(aeTitle(callingAet)).raw(new byte[32]).raw(items.toArray());
        return withHeader(ASSOCIATE_AC, pdu.toArray());
    }

    /** A-ASSOCIATE-RJ with its result (1 permanent, 2 transient), source and reason (PS3.8 Table 9-21). */
    static byte[] associateReject(int result, int source, int reason) {
        return withHeader(ASSOCIATE_RJ, new byte[] {0, (byte) result, (byte) source, (byte) reason});
    }

    /** The maximum PDU length a User Information item (0x50) states, or 0 (no limit) when it states none. */
    static int maxLength(java.nio.ByteBuffer userInformation) {
        int max = 0;
        while (userInformation.remaining() >= 4) {
            int type = userInformation.get() & 0xFF;
            userInformation.get();
            int length = Short.toUnsignedInt(userInformation.getShort());
            if (type == 0x51 && length == 4) {
                max = userInformation.getInt();
            } else {
                userInformation.position(userInformation.position() + length);
            }
        }
        return max;
    }

    /** One P-DATA-TF with one PDV: a fragment of a command or data set of presentation context {@code contextId}. */
    static byte[] pData(int contextId, boolean command, boolean last, byte[] data, int offset, int length) {
        Bytes pdu = new Bytes();
        pdu.u32(length + 2).u8(contextId).u8((command ? 1 : 0) | (last ? 2 : 0)).raw(data, offset, length);
        return withHeader(P_DATA_TF, pdu.toArray());
    }

    static byte[] releaseRequest() {
        return withHeader(RELEASE_RQ, new byte[4]);
    }

    static byte[] releaseResponse() {
        return withHeader(RELEASE_RP, new byte[4]);
    }

    /** A-ABORT from the service user (source 0), no reason given. */
    static byte[] abort() {
        return withHeader(ABORT, new byte[4]);
    }

    private static byte[] withHeader(int type, byte[] body) {
        return new Bytes().u8(type).u8(0).u32(body.length).raw(body).toArray();
    }

    private static byte[] aeTitle(String aet) {
        byte[] field = new byte[16];
        java.util.Arrays.fill(field, (byte) ' ');
        byte[] text = ascii(aet);
        System.arraycopy(text, 0, field, 0, Math.min(16, text.length));
        return field;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A big-endian byte builder for PDUs and their items. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        Bytes u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes raw(byte[] b, int offset, int length) {
            out.write(b, offset, length);
            return this;
        }

        /** A variable item: type, a reserved byte, a 16-bit length and the value. */
        Bytes item(int type, byte[] value) {
            return u8(type).u8(0).u16(value.length).raw(value);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
