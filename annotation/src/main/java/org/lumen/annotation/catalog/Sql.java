// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC chores every store repeats: binding, nullable columns, one-row and many-row queries. */
final class Sql {

    /** Reads one row into a record. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() { }

    /** Binds {@code values} in order (null, String, Integer, Long, Double, Boolean, byte[], Enum, Instant). */
    static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.length; i++) {
                bind(s, i + 1, values[i]);
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        switch (value) {
            case null -> s.setNull(index, Types.NULL);
            case String v -> s.setString(index, v);
            case Integer v -> s.setInt(index, v);
            case Long v -> s.setLong(index, v);
            case Double v -> s.setDouble(index, v);
            case Boolean v -> s.setInt(index, v ? 1 : 0);
            case byte[] v -> s.setBytes(index, v);
            case Enum<?> v -> s.setString(index, v.name());
            case Instant v -> s.setLong(index, v.toEpochMilli());
            default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
        }
    }

    /** Runs an INSERT and returns the new row's id. */
    static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, values)) {
            s.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, values)) {
            return s.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, values); ResultSet rs = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, values); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
        }
    }

    static boolean exists(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, values); ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    /** A LIKE pattern that matches {@code text} anywhere, with %, _ and \ taken literally (ESCAPE '\'). */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
