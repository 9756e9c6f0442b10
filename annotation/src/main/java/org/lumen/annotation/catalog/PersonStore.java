// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.lumen.annotation.catalog.CatalogException.Reason;

/** Annotators and reviewers: every revision, decision and review event names one of them. */
public final class PersonStore {

    private final Db db;

    PersonStore(Db db) {
        this.db = db;
    }

    /** The person called {@code name}, added with these roles if new; an existing person gains (never loses) roles. */
    public Person ensure(String name, boolean annotator, boolean reviewer) {
        String clean = requireName(name);
        return db.write("cannot add " + clean + " to the catalog", c -> {
            Sql.update(c, """
                    INSERT INTO person (name, is_annotator, is_reviewer, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET is_annotator = max(is_annotator, excluded.is_annotator),
                                                     is_reviewer = max(is_reviewer, excluded.is_reviewer)
                    """, clean, annotator, reviewer, db.now());
            return Sql.one(c, "SELECT * FROM person WHERE name = ?", PersonStore::person, clean).orElseThrow();
        });
    }

    public Optional<Person> byName(String name) {
        return db.read("cannot read person " + name, c -> Sql.one(c, "SELECT * FROM person WHERE name = ?", PersonStore::person, name));
    }

    public Optional<Person> byId(long id) {
        return db.read("cannot read person " + id, c -> find(c, id));
    }

    public List<Person> all() {
        return db.read("cannot list people", c -> Sql.list(c, "SELECT * FROM person ORDER BY name", PersonStore::person));
    }

    static Optional<Person> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM person WHERE id = ?", PersonStore::person, id);
    }

    static Person require(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "there is no person " + id + " in the catalog"));
    }

    private static Person person(ResultSet rs) throws SQLException {
        return new Person(rs.getLong("id"), rs.getString("name"), rs.getInt("is_annotator") == 1,
                rs.getInt("is_reviewer") == 1, Sql.instant(rs, "created_at"));
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a person needs a name");
        }
        return name.strip();
    }
}
