// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lumen.annotation.catalog.CatalogException.Reason;

/** Label classes: name, colour, type, mask value and optional standard code, per dataset or global. */
public final class LabelClassStore {

    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private final Db db;

    LabelClassStore(Db db) {
        this.db = db;
    }

    /**
     * Adds a class to dataset {@code datasetId}'s schema (null: a global class).
     *
     * @param colour    "#RRGGBB"
     * @param maskValue the voxel value of this class in masks, 1–255; null for non-mask classes
     * @param code      optional standard code (SNOMED-CT, RadLex …)
     */
    public LabelClass define(Long datasetId, String name, String colour, LabelType type, Integer maskValue, Code code) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a label class needs a name");
        }
        if (colour == null || !COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("a label colour is #RRGGBB, not " + colour);
        }
        if (maskValue != null && (maskValue < 1 || maskValue > 255)) {
            throw new IllegalArgumentException("a mask value is 1..255, not " + maskValue);
        }
        if (type == LabelType.MASK && maskValue == null) {
            throw new IllegalArgumentException("mask class " + name + " needs a mask value (1..255)");
        }
        String clean = name.strip();
        return db.write("cannot define label class " + clean, c -> {
            if (datasetId != null) {
                DatasetStore.require(c, datasetId);
            }
            String scope = datasetId == null ? "there already is a global label class " : "dataset " + datasetId + " already has a label class ";
            if (Sql.exists(c, "SELECT 1 FROM label_class WHERE dataset_id IS ? AND name = ?", datasetId, clean)) {
                throw new CatalogException(Reason.REFUSED, scope + "called " + clean);
            }
            if (maskValue != null && Sql.exists(c, "SELECT 1 FROM label_class WHERE dataset_id IS ? AND mask_value = ?", datasetId, maskValue)) {
                throw new CatalogException(Reason.REFUSED, scope + "with mask value " + maskValue);
            }
            long id = Sql.insert(c, """
                    INSERT INTO label_class (dataset_id, name, colour, type, mask_value, code_scheme, code_value, code_meaning)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, datasetId, clean, colour.toUpperCase(Locale.ROOT), type, maskValue,
                    code == null ? null : code.scheme(), code == null ? null : code.value(), code == null ? null : code.meaning());
            return find(c, id).orElseThrow();
        });
    }

    /** A dataset's classes (its schema), by mask value then name; null gives the global classes. */
    public List<LabelClass> of(Long datasetId) {
        return db.read("cannot list label classes", c -> Sql.list(c,
                "SELECT * FROM label_class WHERE dataset_id IS ? ORDER BY mask_value IS NULL, mask_value, name",
                LabelClassStore::labelClass, datasetId));
    }

    static Optional<LabelClass> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM label_class WHERE id = ?", LabelClassStore::labelClass, id);
    }

    private static LabelClass labelClass(ResultSet rs) throws SQLException {
        String scheme = rs.getString("code_scheme");
        Code code = scheme == null ? null : new Code(scheme, rs.getString("code_value"), rs.getString("code_meaning"));
        return new LabelClass(rs.getLong("id"), Sql.nullableLong(rs, "dataset_id"), rs.getString("name"), rs.getString("colour"),
                LabelType.valueOf(rs.getString("type")), Sql.nullableInt(rs, "mask_value"), code);
    }
}
