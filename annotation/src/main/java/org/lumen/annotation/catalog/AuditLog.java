// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit trail (table {@code audit_event}, docs/catalog.md): an append-only, tamper-evident log. Each entry's
 * hash is SHA-256 over its fields, each written as its length and its UTF-8 bytes so no two entries can read the
 * same, and over the previous entry's hash; {@link #verify()} recomputes the chain. Entries are written in the
 * transaction of what they record (an AI run and its audit entry land together or not at all) through the
 * catalog's one connection, so the chain has one writer.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final Db db;
    private volatile AuditUser user = AuditUser.ofThisProcess();

    AuditLog(Db db) {
        this.db = db;
    }

    /** Who the entries written from now on name (the account, and the display name once the user set one). */
    public void actAs(AuditUser who) {
        this.user = java.util.Objects.requireNonNull(who, "who");
    }

    public AuditUser user() {
        return user;
    }

    /** Appends an entry on its own (what the application records: a study opened, results shown, an export). */
    public AuditEntry append(AuditAction action, String studyUid, String seriesUid, Map<String, ?> detail) {
        return db.write("cannot write the audit entry for " + action.code(), c -> appendIn(c, action, null, studyUid, seriesUid, detail));
    }

    /**
     * Appends an entry inside the caller's write transaction. {@code person} names the catalog person who acted
     * where the catalog knows one (a decision, a revision), else the user's display name is used. A series'
     * study is filled in from the index when not given.
     */
    AuditEntry appendIn(Connection c, AuditAction action, String person, String studyUid, String seriesUid, Map<String, ?> detail)
            throws SQLException {
        AuditUser who = user;
        String study = studyUid;
        if (study == null && seriesUid != null) {
            study = Sql.one(c, "SELECT study_uid FROM series WHERE series_uid = ?", rs -> rs.getString(1), seriesUid).orElse(null);
        }
        String previous = Sql.one(c, "SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1", rs -> rs.getString(1)).orElse(GENESIS);
        long seq = Sql.one(c, "SELECT coalesce(max(seq), 0) + 1 FROM audit_event", rs -> rs.getLong(1)).orElse(1L);
        long at = db.now();
        String name = person != null ? person : who.displayName();
        String json = canonical(detail);
        String hash = hash(previous, seq, at, who.account(), name, action.code(), study, seriesUid, json);
        Sql.update(c, """
                INSERT INTO audit_event (seq, at, account, person, action, study_uid, series_uid, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", seq, at, who.account(), name, action.code(), study, seriesUid, json, previous, hash);
        return new AuditEntry(seq, Instant.ofEpochMilli(at), who.account(), name, action.code(), study, seriesUid, json, previous, hash);
    }

    /** The entries matching {@code filter}, oldest first. */
    public List<AuditEntry> list(AuditFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.studyUid() != null) {
            sql.append(" AND study_uid = ?");
            args.add(filter.studyUid());
        }
        if (filter.user() != null) {
            sql.append(" AND (account = ? OR person = ?)");
            args.add(filter.user());
            args.add(filter.user());
        }
        if (filter.since() != null) {
            sql.append(" AND at >= ?");
            args.add(filter.since().toEpochMilli());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            args.add(filter.action().code());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(filter.limit());
        return db.read("cannot list the audit trail", c -> Sql.list(c, sql.toString(), AuditLog::entry, args.toArray()));
    }

    /** Recomputes every entry's hash and link, oldest first, and names the first entry that does not match. */
    public AuditVerification verify() {
        return db.read("cannot read the audit trail", c -> {
            String previous = GENESIS;
            long expectedSeq = 1;
            long checked = 0;
            try (var s = c.prepareStatement("SELECT * FROM audit_event ORDER BY seq"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AuditEntry e = entry(rs);
                    if (e.seq() != expectedSeq) {
                        return new AuditVerification(checked, expectedSeq, "entry " + expectedSeq + " is missing (the next is " + e.seq() + ")");
                    }
                    if (!e.previousHash().equals(previous)) {
                        return new AuditVerification(checked, e.seq(), "entry " + e.seq() + " does not follow entry " + (e.seq() - 1)
                                + ": the previous hash it carries is not that entry's");
                    }
                    String recomputed = hash(e.previousHash(), e.seq(), e.at().toEpochMilli(), e.account(), e.person(), e.action(),
                            e.studyUid(), e.seriesUid(), e.detail());
                    if (!recomputed.equals(e.hash())) {
                        return new AuditVerification(checked, e.seq(), "entry " + e.seq() + " (" + e.action() + " at " + e.at()
                                + ") was changed after it was written: its content no longer matches its hash");
                    }
                    previous = e.hash();
                    expectedSeq++;
                    checked++;
                }
            }
            return new AuditVerification(checked, null, null);
        });
    }

    public long size() {
        return db.read("cannot count the audit trail", c -> Sql.one(c, "SELECT count(*) FROM audit_event", rs -> rs.getLong(1)).orElse(0L));
    }

    /** JSON with keys sorted at every level, so the same detail always gives the same bytes. */
    static String canonical(Map<String, ?> detail) {
        ObjectNode node = Json.MAPPER.valueToTree(new TreeMap<>(detail == null ? Map.of() : detail));
        return Json.write(sorted(node));
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = Json.object();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            var value = node.get(name);
            out.set(name, value instanceof ObjectNode o ? sorted(o) : value);
        }
        return out;
    }

    static String hash(String previous, long seq, long at, String account, String person, String action, String study, String series,
                       String detail) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {previous, Long.toString(seq), Long.toString(at), account, person, action, study, series, detail}) {
                // Length-prefixed (−1 for null), so ("ab", "c") and ("a", "bc") never hash alike.
                byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                sha.update((Integer.toString(field == null ? -1 : bytes.length) + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("account"), rs.getString("person"),
                rs.getString("action"), rs.getString("study_uid"), rs.getString("series_uid"), rs.getString("detail"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
