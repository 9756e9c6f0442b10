// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lumen.io.AtomicFiles;

/**
 * Replacements derived from the originals with a keyed hash (HMAC-SHA256) under a secret key of the
 * site: the same original gives the same replacement in every export made with the key, and nobody
 * without the key can go back from a replacement, or test a guess of the original. The key lives in
 * the user data folder, readable by the user only; the catalog records which original became which.
 */
public final class KeyedIdentities implements Identities {

    /** Dates move back by 1 to 3,650 days: far enough to hide the day, close enough to keep the season of life. */
    static final int MAX_SHIFT_DAYS = 3650;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final byte[] key;

    public KeyedIdentities(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a de-identification key needs at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** The key in {@code file}, made (32 random bytes, owner-only) when there is none yet. */
    public static KeyedIdentities fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeOwnerOnly(file, out -> out.write(HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII)));
        }
        String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new KeyedIdentities(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IOException("the de-identification key in " + file + " is not a hexadecimal key: restore it from a backup "
                    + "(a new key would give every patient and UID new replacements)", e);
        }
    }

    /** A UUID-derived UID ({@code 2.25.}…, PS3.5 B.2) from the hash: a version-8 (custom) UUID. */
    @Override
    public String uid(String original) {
        byte[] h = hash("uid", original.trim());
        byte[] uuid = java.util.Arrays.copyOf(h, 16);
        uuid[6] = (byte) ((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte) ((uuid[8] & 0x3F) | 0x80);
        return "2.25." + new BigInteger(1, uuid);
    }

    @Override
    public Pseudonym patient(String patientId, String patientName) {
        String code = code(hash("patient", who(patientId, patientName)), 10);
        return new Pseudonym("ANON-" + code, "ANONYMOUS^" + code);
    }

    @Override
    public int dayShift(String patientId, String patientName) {
        byte[] h = hash("days", who(patientId, patientName));
        int n = ((h[0] & 0xFF) << 16) | ((h[1] & 0xFF) << 8) | (h[2] & 0xFF);
        return -(1 + n % MAX_SHIFT_DAYS);
    }

    private static String who(String patientId, String patientName) {
        String id = patientId == null ? "" : patientId.trim();
        return id.isEmpty() ? "name:" + (patientName == null ? "" : patientName.trim().toUpperCase(Locale.ROOT)) : "id:" + id;
    }

    private byte[] hash(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((purpose + "\u0000").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String code(byte[] h, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt((h[i] & 0xFF) % ALPHABET.length()));
        }
        return s.toString();
    }
}
