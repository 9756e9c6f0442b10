// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An A-ASSOCIATE-RQ a peer sent to Lumen's storage receiver (PS3.8 §9.3.2): who calls whom, and the
 * presentation contexts it proposes.
 */
record AssociationRequest(String calledAet, String callingAet, List<PresentationContext> contexts, int maxLength) {

    static AssociationRequest parse(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        b.position(4);
        String called = ae(b);
        String calling = ae(b);
        b.position(68);
        List<PresentationContext> contexts = new ArrayList<>();
        int maxLength = 0;
        while (b.remaining() >= 4) {
            int type = b.get() & 0xFF;
            b.get();
            int length = Short.toUnsignedInt(b.getShort());
            ByteBuffer item = b.slice(b.position(), length);
            b.position(b.position() + length);
            if (type == 0x20) {
                int id = item.get() & 0xFF;
                item.position(4);
                String abstractSyntax = null;
                List<String> syntaxes = new ArrayList<>();
                while (item.remaining() >= 4) {
                    int sub = item.get() & 0xFF;
                    item.get();
                    byte[] value = new byte[Short.toUnsignedInt(item.getShort())];
                    item.get(value);
                    String uid = text(value);
                    if (sub == 0x30) {
                        abstractSyntax = uid;
                    } else if (sub == 0x40) {
                        syntaxes.add(uid);
                    }
                }
                if (abstractSyntax != null && id % 2 == 1) {
                    contexts.add(new PresentationContext(id, abstractSyntax, syntaxes));
                }
            } else if (type == 0x50) {
                maxLength = Pdus.maxLength(item);
            }
        }
        return new AssociationRequest(called, calling, contexts, maxLength);
    }

    private static String ae(ByteBuffer b) {
        byte[] field = new byte[16];
        b.get(field);
        return new String(field, StandardCharsets.US_ASCII).strip();
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII).replaceAll("[\\x00 ]+$", "");
    }
}
