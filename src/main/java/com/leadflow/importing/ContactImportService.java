package com.leadflow.importing;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.i18n.Messages;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactImportMode;
import com.leadflow.contact.ContactImportResult;
import com.leadflow.contact.ContactService;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Imports contacts from a CSV file: preview and column mapping, a check of every row before anything is written,
 * then the import itself in the background — batches of {@value #BATCH} rows, each in its own transaction (a
 * failing batch leaves nothing of itself behind), progress after each batch, every rejected row kept for the report.
 * Duplicates are found by email, within the file and against the database, so importing a file twice adds no one.
 */
@Service
@PreAuthorize(Roles.CAN_IMPORT)
public class ContactImportService {

    private static final Logger log = LoggerFactory.getLogger(ContactImportService.class);
    public static final int BATCH = 500;
    public static final int MAX_BYTES = 50 * 1024 * 1024;

    private final ContactService contacts;
    private final Validator validator;
    private final Messages messages;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CurrentUserProvider currentUser;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "contact-import");
        t.setDaemon(true);
        return t;
    });

    ContactImportService(ContactService contacts, Validator validator, Messages messages, JdbcTemplate jdbc,
                         TransactionTemplate transactions, CurrentUserProvider currentUser, Clock clock) {
        this.contacts = contacts;
        this.validator = validator;
        this.messages = messages;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** What the mapping screen shows: encoding, delimiter, headers, first rows and a guessed mapping. */
    public record Preview(String charset, char delimiter, List<String> headers, List<CsvFile.Row> rows,
                          ImportMapping suggested) {
    }

    public Preview preview(byte[] file) {
        CsvFile csv = open(file);
        List<String> headers = csv.headers();
        if (headers.isEmpty()) {
            throw new ValidationFailedException("import.error.empty");
        }
        Map<ImportField, Integer> guess = new java.util.EnumMap<>(ImportField.class);
        for (int i = 0; i < headers.size(); i++) {
            ImportField field = ImportField.guess(headers.get(i));
            if (field != null && !guess.containsKey(field)) {
                guess.put(field, i);
            }
        }
        return new Preview(csv.charset().displayName(), csv.delimiter(), headers, csv.firstRows(5),
                new ImportMapping(guess));
    }

    /** Checks every row (nothing is written): how many are valid, and why each of the others is not. */
    public ImportCheck check(byte[] file, ImportMapping mapping, Locale locale) {
        List<ImportRejection> rejections = new ArrayList<>();
        int[] counts = new int[2];
        readValid(open(file), mapping, locale, ZoneId.systemDefault(), row -> counts[1]++, rejections::add, counts);
        return new ImportCheck(counts[0], counts[1], rejections);
    }

    /** Starts the import in the background as the current user; returns the job to follow. */
    public long start(byte[] file, String fileName, ImportMapping mapping, ContactImportMode mode, Locale locale) {
        CsvFile csv = open(file);
        requireMapping(mapping);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String name = fileName == null || fileName.isBlank() ? "import.csv" : fileName.strip();
        String shortName = name.length() > 200 ? name.substring(0, 200) : name;
        long userId = currentUser.require().id();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO import_job (file_name, duplicate_mode, status, created_by, started_at)
                    VALUES (?, ?, 'RUNNING', ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, shortName);
            insert.setString(2, mode.name());
            insert.setLong(3, userId);
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            return insert;
        }, key);
        long jobId = key.getKey().longValue();
        ZoneId zone = ZoneId.systemDefault();
        // runs as the user who started it: the contact service checks their role for every batch
        executor.submit(new DelegatingSecurityContextRunnable(() -> run(jobId, csv, shortName, mapping, mode, locale, zone)));
        return jobId;
    }

    /** The same as {@link #start}, but waits for the import to finish (tests and benchmarks). */
    public ImportJob importNow(byte[] file, String fileName, ImportMapping mapping, ContactImportMode mode,
                               Locale locale) {
        CsvFile csv = open(file);
        requireMapping(mapping);
        long jobId = start(file, fileName, mapping, mode, locale);
        while (true) {
            ImportJob job = job(jobId).orElseThrow();
            if (!job.running()) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    private void run(long jobId, CsvFile csv, String fileName, ImportMapping mapping, ContactImportMode mode,
                     Locale locale, ZoneId zone) {
        try {
            List<ImportRejection> rejections = new ArrayList<>();
            List<ContactForm> valid = new ArrayList<>();
            int[] counts = new int[2];
            readValid(csv, mapping, locale, zone, valid::add, rejections::add, counts);
            jdbc.update("UPDATE import_job SET total_rows = ?, rejected_count = ? WHERE id = ?", counts[0],
                    rejections.size(), jobId);
            storeRejections(jobId, rejections);
            String label = messages.get(locale, "import.timelineLabel", fileName, jobId);
            int processed = rejections.size();
            int created = 0;
            int updated = 0;
            int skipped = 0;
            for (int from = 0; from < valid.size(); from += BATCH) {
                List<ContactForm> batch = valid.subList(from, Math.min(valid.size(), from + BATCH));
                ContactImportResult result = transactions.execute(status -> contacts.importBatch(batch, mode, label));
                created += result.created();
                updated += result.updated();
                skipped += result.skipped();
                processed += batch.size();
                jdbc.update("""
                        UPDATE import_job SET processed_rows = ?, created_count = ?, updated_count = ?, skipped_count = ?
                        WHERE id = ?""", processed, created, updated, skipped, jobId);
            }
            jdbc.update("UPDATE import_job SET status = 'DONE', processed_rows = total_rows, finished_at = ? WHERE id = ?",
                    Timestamp.from(clock.instant()), jobId);
        } catch (RuntimeException e) {
            log.warn("Import {} failed", jobId, e);
            String reason = e instanceof ValidationFailedException v ? messages.get(locale, v.messageKey(), v.params())
                    : messages.get(locale, "import.error.failed", String.valueOf(e.getMessage()));
            jdbc.update("UPDATE import_job SET status = 'FAILED', failure = ?, finished_at = ? WHERE id = ?",
                    reason.length() > 1000 ? reason.substring(0, 1000) : reason, Timestamp.from(clock.instant()), jobId);
        }
    }

    /** Reads every row; good ones (first occurrence of an email) to {@code valid}, the rest to {@code rejected}. */
    private void readValid(CsvFile csv, ImportMapping mapping, Locale locale, ZoneId zone, Consumer<ContactForm> valid,
                           Consumer<ImportRejection> rejected, int[] counts) {
        requireMapping(mapping);
        Locale previous = LocaleContextHolder.getLocale();
        LocaleContextHolder.setLocale(locale); // bean validation messages in the importer's language
        try {
            ImportRowReader reader = new ImportRowReader(mapping, validator,
                    (key, params) -> messages.get(locale, key, params), zone);
            Map<String, Integer> firstLineByEmail = new HashMap<>();
            csv.forEachRow(row -> {
                counts[0]++;
                ImportRowReader.Read read = reader.read(row.cells());
                if (read.problem() != null) {
                    rejected.accept(new ImportRejection(row.line(), read.problem(), clip(row.raw())));
                    return;
                }
                String email = read.form().getEmail().toLowerCase(Locale.ROOT);
                Integer first = firstLineByEmail.putIfAbsent(email, row.line());
                if (first != null) {
                    rejected.accept(new ImportRejection(row.line(),
                            messages.get(locale, "import.reject.duplicateInFile", first), clip(row.raw())));
                    return;
                }
                valid.accept(read.form());
            });
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
    }

    private static void requireMapping(ImportMapping mapping) {
        if (mapping == null || !mapping.columns().containsKey(ImportField.EMAIL)) {
            throw new ValidationFailedException("import.error.emailColumn");
        }
        if (!mapping.columns().containsKey(ImportField.FIRST_NAME) || !mapping.columns().containsKey(ImportField.LAST_NAME)) {
            throw new ValidationFailedException("import.error.nameColumns");
        }
    }

    private void storeRejections(long jobId, List<ImportRejection> rejections) {
        jdbc.batchUpdate("INSERT INTO import_rejection (job_id, line_number, reason, raw_line) VALUES (?, ?, ?, ?)",
                rejections, 1000, (ps, r) -> {
                    ps.setLong(1, jobId);
                    ps.setInt(2, r.line());
                    ps.setString(3, r.reason().length() > 500 ? r.reason().substring(0, 500) : r.reason());
                    ps.setString(4, r.raw());
                });
    }

    private static String clip(String raw) {
        return raw == null || raw.length() <= 2000 ? raw : raw.substring(0, 2000);
    }

    private static CsvFile open(byte[] file) {
        if (file == null || file.length == 0) {
            throw new ValidationFailedException("import.error.empty");
        }
        if (file.length > MAX_BYTES) {
            throw new ValidationFailedException("import.error.tooBig", MAX_BYTES / 1024 / 1024);
        }
        return new CsvFile(file);
    }

    public Optional<ImportJob> job(long id) {
        return jdbc.query(SELECT_JOB + " WHERE id = ?", JOB, id).stream().findFirst();
    }

    public List<ImportJob> recentJobs(int limit) {
        return jdbc.query(SELECT_JOB + " ORDER BY started_at DESC, id DESC LIMIT ?", JOB, limit);
    }

    /** A page of an import's rejected rows, by line. */
    public List<ImportRejection> rejections(long jobId, int offset, int limit) {
        return jdbc.query("SELECT line_number, reason, raw_line FROM import_rejection WHERE job_id = ?"
                        + " ORDER BY line_number LIMIT ? OFFSET ?",
                (rs, row) -> new ImportRejection(rs.getInt(1), rs.getString(2), rs.getString(3)), jobId, limit, offset);
    }

    /** Every rejected row of an import, by line, streamed (for the CSV download). */
    public void forEachRejection(long jobId, Consumer<ImportRejection> sink) {
        jdbc.query("SELECT line_number, reason, raw_line FROM import_rejection WHERE job_id = ? ORDER BY line_number",
                rs -> {
                    sink.accept(new ImportRejection(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }, jobId);
    }

    private static final String SELECT_JOB = """
            SELECT id, file_name, duplicate_mode, status, total_rows, processed_rows, created_count, updated_count,
                   skipped_count, rejected_count, failure, started_at, finished_at FROM import_job""";

    private static final RowMapper<ImportJob> JOB = (rs, row) -> {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportJob(rs.getLong("id"), rs.getString("file_name"), rs.getString("duplicate_mode"),
                rs.getString("status"), rs.getInt("total_rows"), rs.getInt("processed_rows"),
                rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("skipped_count"),
                rs.getInt("rejected_count"), rs.getString("failure"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    };
}
