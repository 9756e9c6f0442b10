// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.slf4j.LoggerFactory;

/**
 * The local SQLite catalog: the index of opened studies, datasets and label classes, annotations as
 * append-only revisions, AI runs with their findings and the human decisions on them, review state,
 * inter-annotator agreement, the viewer's measurements and the offline cache's studies. One file, WAL mode, schema by Flyway migrations, every change one
 * transaction. Thread-safe (calls are serialised on one connection); several processes may open the
 * same file, writes then take turns within the busy timeout. docs/catalog.md documents the schema.
 */
public final class Catalog implements AutoCloseable {

    private final Db db;
    private final int schemaVersion;
    private final StudyIndexStore studies;
    private final PersonStore people;
    private final DatasetStore datasets;
    private final LabelClassStore labelClasses;
    private final AnnotationStore annotations;
    private final AiRunStore aiRuns;
    private final ReviewStore reviews;
    private final AgreementStore agreements;
    private final MeasurementStore measurements;
    private final CachedStudyStore cache;
    private final DeidMapStore deidMap;
    private final AuditLog audit;
    private final ModelPracticeStore practice;
    private final OperatingPointStore operatingPoints;
    private final CatalogMaintenance maintenance;
    /** Whether a clean close may stamp the file as left sound ({@link CleanCloseStamp}). */
    private volatile boolean stampOnClose;

    private Catalog(Db db, int schemaVersion) {
        this.db = db;
        this.schemaVersion = schemaVersion;
        this.studies = new StudyIndexStore(db);
        this.people = new PersonStore(db);
        this.datasets = new DatasetStore(db);
        this.labelClasses = new LabelClassStore(db);
        this.audit = new AuditLog(db);
        this.annotations = new AnnotationStore(db, audit);
        this.aiRuns = new AiRunStore(db, audit);
        this.reviews = new ReviewStore(db, audit);
        this.practice = new ModelPracticeStore(db, annotations);
        this.operatingPoints = new OperatingPointStore(db, audit);
        this.agreements = new AgreementStore(db);
        this.measurements = new MeasurementStore(db);
        this.cache = new CachedStudyStore(db);
        this.deidMap = new DeidMapStore(db);
        this.maintenance = new CatalogMaintenance(db);
    }

    /** Opens the catalog at {@code file}, creating it or migrating it to this build's schema. */
    public static Catalog open(Path file) {
        return open(file, CatalogOptions.defaults());
    }

    public static Catalog open(Path file, CatalogOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CatalogException(Reason.NOT_FOUND, "cannot open the catalog " + absolute
                    + ": its folder " + folder + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new CatalogException(Reason.NOT_A_CATALOG, "cannot open the catalog " + absolute
                    + ": it is a folder, not a catalog file");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new CatalogException(Reason.READ_ONLY, "cannot open the catalog: " + absolute
                    + " is read-only; make it writable, or open a copy");
        }
        if (!Files.isWritable(folder)) {
            throw new CatalogException(Reason.READ_ONLY, "cannot open the catalog " + absolute + ": its folder " + folder
                    + " is read-only, and SQLite must create its -wal and -shm files there");
        }
        // Removed before the file is touched: a session that does not end in a clean close leaves no stamp.
        boolean asLeft = CleanCloseStamp.consume(absolute);
        Connection connection = CatalogConnections.open(absolute, options);
        Catalog catalog;
        try {
            int version = SchemaMigrator.migrate(connection, absolute, options);
            catalog = new Catalog(new Db(connection, absolute, options), version);
        } catch (RuntimeException e) {
            CatalogConnections.closeQuietly(connection);
            throw e;
        }
        // A damaged catalog took imports and AI runs until `backup` refused it (issue 15): now it is read-only.
        boolean checkNow = switch (options.openCheck()) {
            case ALWAYS -> true;
            case WHEN_CHANGED -> !asLeft;
            case NEVER -> false;
        };
        String check = checkNow ? catalog.maintenance.quickCheck() : "ok";
        // Only a file known sound at open is stamped sound at its clean close.
        catalog.stampOnClose = options.openCheck() != CatalogOptions.OpenCheck.NEVER && "ok".equals(check);
        if (!"ok".equals(check)) {
            String reason = "the catalog " + absolute + " failed its integrity check (" + check + "), so Lumen opened it read-only"
                    + " and records nothing more in it; restore a backup over it, or copy what can still be read into a new"
                    + " catalog with `lumen catalog recover --out NEW.sqlite`";
            catalog.db.refuseWrites(reason);
            LoggerFactory.getLogger(Catalog.class).warn("{}", reason);
        }
        return catalog;
    }

    /**
     * Opens an existing catalog read-only, changing nothing in the file: no migration, no switch to write-ahead
     * logging, every write refused. A file that is not a Lumen catalog (empty, another program's SQLite database,
     * not SQLite at all) is refused and left exactly as it was. What {@code catalog check} and {@code backup} use.
     */
    public static Catalog openReadOnly(Path file, CatalogOptions options) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new CatalogException(Reason.NOT_FOUND, "there is no catalog at " + absolute);
        }
        if (Files.isDirectory(absolute)) {
            throw new CatalogException(Reason.NOT_A_CATALOG, "cannot open the catalog " + absolute + ": it is a folder, not a catalog file");
        }
        try {
            if (Files.size(absolute) == 0) {
                throw new CatalogException(Reason.NOT_A_CATALOG, "cannot open the catalog: " + absolute
                        + " is empty (0 bytes), not a Lumen catalog; it was left as it is");
            }
        } catch (java.io.IOException e) {
            throw new CatalogException(Reason.NOT_FOUND, "cannot open the catalog " + absolute + ": " + e.getMessage(), e);
        }
        Connection connection = CatalogConnections.openReadOnly(absolute, options);
        try {
            SchemaMigrator.refuseForeignDatabase(connection, absolute, options);
            int version = SchemaMigrator.currentVersion(connection);
            if (version == 0) {
                throw new CatalogException(Reason.NOT_A_CATALOG, "cannot open the catalog: " + absolute
                        + " is an SQLite database without a catalog schema, not a Lumen catalog; it was left as it is");
            }
            Catalog catalog = new Catalog(new Db(connection, absolute, options), version);
            catalog.db.refuseWrites("the catalog " + absolute + " is open read-only");
            return catalog;
        } catch (java.sql.SQLException e) {
            CatalogConnections.closeQuietly(connection);
            throw SqlErrors.translate(e, "cannot open the catalog", absolute, options.busyTimeout());
        } catch (RuntimeException e) {
            CatalogConnections.closeQuietly(connection);
            throw e;
        }
    }

    /** Why the catalog refuses changes (it failed its integrity check, or was opened read-only); empty when writable. */
    public java.util.Optional<String> readOnlyReason() {
        return java.util.Optional.ofNullable(db.readOnlyReason());
    }


    /** Opens an existing catalog (migrating it if needed); refuses to create one where there is none. */
    public static Catalog openExisting(Path file) {
        return openExisting(file, CatalogOptions.defaults());
    }

    public static Catalog openExisting(Path file, CatalogOptions options) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new CatalogException(Reason.NOT_FOUND, "there is no catalog at " + absolute);
        }
        return open(absolute, options);
    }

    public Path file() {
        return db.file();
    }

    /** The schema version (highest Flyway migration applied). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The study/series/instance index of what the user opened or imported. */
    public StudyIndexStore studies() {
        return studies;
    }

    /** Annotators and reviewers. */
    public PersonStore people() {
        return people;
    }

    /** Datasets, their members (series) and each member's labelling status. */
    public DatasetStore datasets() {
        return datasets;
    }

    /** Label classes, per dataset schema or global. */
    public LabelClassStore labelClasses() {
        return labelClasses;
    }

    /** Annotations and their append-only revisions. */
    public AnnotationStore annotations() {
        return annotations;
    }

    /** AI runs, findings and the human decisions on them. */
    public AiRunStore aiRuns() {
        return aiRuns;
    }

    /** The review workflow per annotation and per case. */
    public ReviewStore reviews() {
        return reviews;
    }

    /** Agreement between annotators, computed from their masks and stored. */
    public AgreementStore agreements() {
        return agreements;
    }

    /** The viewer's measurements, per study and series. */
    public MeasurementStore measurements() {
        return measurements;
    }

    /** The studies of the offline cache: size, pin, last opened. */
    public CachedStudyStore cache() {
        return cache;
    }

    /** Which original became which replacement in de-identified data: the site's way back, never exported. */
    /** The score thresholds the site chose per model (the latest is in force). */
    public OperatingPointStore operatingPoints() {
        return operatingPoints;
    }

    /** How models fare in use: decisions on their findings, lesions people drew that they missed, the trend. */
    public ModelPracticeStore practice() {
        return practice;
    }

    /** The append-only, tamper-evident audit trail (decisions, runs, revisions and reviews write into it themselves). */
    public AuditLog audit() {
        return audit;
    }

    public DeidMapStore deidMap() {
        return deidMap;
    }

    /** Writes a consistent copy of the whole catalog to {@code target} (VACUUM INTO a temporary name, then a rename). */
    public void backup(Path target) {
        maintenance.backup(target);
    }

    /** "ok", or what {@code PRAGMA integrity_check} and {@code foreign_key_check} found wrong. */
    public String integrity() {
        return maintenance.integrity();
    }

    /** How many rows the main tables hold. */
    public CatalogCounts counts() {
        return maintenance.counts();
    }

    @Override
    public void close() {
        boolean stamp = stampOnClose && db.readOnlyReason() == null;
        stampOnClose = false;
        db.close();
        if (stamp) {
            CleanCloseStamp.record(db.file());
        }
    }

    /** For tests in this package that need to reach the connection (fill the disk, hold locks). */
    Db db() {
        return db;
    }
}
