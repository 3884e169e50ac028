package io.tidemark.run;

import io.tidemark.table.TableSpec;

import io.tidemark.run.Position;
import io.tidemark.source.Column;
import io.tidemark.source.RowReader;
import io.tidemark.source.ServerText;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import io.tidemark.store.BatchWriter;
import io.tidemark.store.DeadLetters;
import io.tidemark.store.Lineage;
import io.tidemark.store.TargetTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;

/** Rows the target refuses: a rejected batch salvaged row by row, its bad rows dead-lettered, and {@code --replay}. */
public final class Rejects {

    private static final Logger LOG = LoggerFactory.getLogger(Rejects.class);

    private final JdbcTemplate source;
    private final JdbcTemplate target;
    private final Dialect dialect;
    private final DeadLetters deadLetters;
    private final TargetTransaction transaction;
    private final BatchWriter writer;

    public Rejects(DataSource source, DataSource target, Dialect dialect, DeadLetters deadLetters,
                   TargetTransaction transaction, BatchWriter writer) {
        this.source = new JdbcTemplate(source);
        this.target = new JdbcTemplate(target);
        this.dialect = dialect;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.writer = writer;
    }

    /**
     * In one transaction: the batch written again in halves, and halves of the halves, until the rows the target
     * refuses are single; those go to the dead-letter table with their content and the reason. Each attempt runs
     * under a savepoint, so a failed half leaves nothing behind. {@code recordBatch} gets the number of rows
     * refused and records the batch's position in the same transaction. Returns that number.
     */
    int salvage(TableRun run, String sql, List<List<Object>> batch, IntConsumer recordBatch) {
        List<List<Object>> rows = values(run, batch);
        int[] rejected = {0};
        transaction.run(tx -> {
            writeOrReject(run, sql, rows, tx, rejected);
            recordBatch.accept(rejected[0]);
        });
        return rejected[0];
    }

    long count(String targetTable) {
        return deadLetters.count(targetTable);
    }

    /** The key values (as dead letters keep them) of a page's rows, when the table has dead letters; else null. */
    List<List<String>> keysIfAnyWaiting(TableSpec spec, List<List<Object>> rows) {
        if (!deadLetters.any(spec.targetTable())) {
            return null;
        }
        List<Column> columns = spec.copied();
        List<List<String>> keys = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            keys.add(Arrays.stream(spec.keyIndexes()).mapToObj(i -> Lineage.text(
                    row.get(i) instanceof ServerText text ? text.value(columns.get(i)) : row.get(i))).toList());
        }
        return keys;
    }

    /** Inside a batch's transaction: the dead letters of rows the batch wrote are resolved. */
    void resolve(String targetTable, List<List<String>> keys, String loadId) {
        deadLetters.resolve(targetTable, keys, loadId);
    }

    /** A bulk batch with the server's text turned into the values the upsert binds and dead letters show. */
    private static List<List<Object>> values(TableRun run, List<List<Object>> batch) {
        if (run.asText == null) {
            return batch;
        }
        List<Column> columns = run.spec.copied();
        List<List<Object>> values = new ArrayList<>(batch.size());
        for (List<Object> row : batch) {
            Object[] v = row.toArray();
            for (int i = 0; i < columns.size(); i++) {
                if (v[i] instanceof ServerText text) {
                    v[i] = text.value(columns.get(i));
                }
            }
            values.add(Arrays.asList(v));
        }
        return values;
    }

    private void writeOrReject(TableRun run, String sql, List<List<Object>> rows, TransactionStatus tx, int[] rejected) {
        Object savepoint = tx.createSavepoint();
        try {
            writer.write(run.spec, run.writeTable(), sql, rows);
            tx.releaseSavepoint(savepoint);
        } catch (RuntimeException e) {
            tx.rollbackToSavepoint(savepoint);
            if (!Failures.isRowRejected(e)) {
                throw e;
            }
            if (rows.size() == 1) {
                deadLetter(run, rows.get(0), Failures.describe(e));
                rejected[0]++;
            } else {
                writeOrReject(run, sql, rows.subList(0, rows.size() / 2), tx, rejected);
                writeOrReject(run, sql, rows.subList(rows.size() / 2, rows.size()), tx, rejected);
            }
        }
    }

    /** Inside the batch's transaction: every row of a batch to the dead-letter table, with one reason. */
    void deadLetterAll(TableRun run, List<List<Object>> rows, String error) {
        TableSpec spec = run.spec;
        List<Column> columns = spec.copied();
        for (List<Object> values : rows) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                content.put(columns.get(i).name(), values.get(i));
            }
            deadLetters.add(spec.targetTable(), Arrays.stream(spec.keyIndexes())
                    .mapToObj(i -> Lineage.text(values.get(i))).toList(), content, run.loadId, error);
        }
    }

    private void deadLetter(TableRun run, List<Object> values, String error) {
        TableSpec spec = run.spec;
        Map<String, Object> content = new LinkedHashMap<>();
        List<Column> columns = spec.copied();
        for (int i = 0; i < columns.size(); i++) {
            content.put(columns.get(i).name(), values.get(i));
        }
        List<String> key = Arrays.stream(spec.keyIndexes()).mapToObj(i -> Lineage.text(values.get(i))).toList();
        if (deadLetters.add(spec.targetTable(), key, content, run.loadId, error)) {
            LOG.warn("{}: row {} rejected by the target, kept in the dead-letter table: {}", spec.table(), key, error);
        } else {
            LOG.debug("{}: row {} rejected again, its dead letter counts one more attempt: {}", spec.table(), key,
                    error);
        }
    }

    /**
     * {@code --replay <table>}: each dead-lettered row is read again from the source by its key and written;
     * it leaves the dead-letter table only once written (or when the source no longer has it).
     */
    void replay(TableRun run) {
        TableSpec spec = run.spec;
        String select = dialect.rowByKey(spec.table(), spec.copied(), spec.key(), spec.where());
        String upsert = writer.statement(spec, spec.targetTable());
        int written = 0;
        int failed = 0;
        for (DeadLetters.Letter letter : deadLetters.of(spec.targetTable())) {
            List<Object[]> found = source.query(select, (rs, n) -> RowReader.read(rs),
                    new Position(null, letter.key()).keyValues(spec.key()).toArray());
            if (found.isEmpty()) {
                deadLetters.remove(letter.id());
                LOG.info("{}: dead letter {} no longer exists in the source; removed", spec.table(), letter.key());
                continue;
            }
            List<Object> row = new ArrayList<>(Arrays.asList(found.get(0)));
            row.add(run.loadId);
            List<Object> key = Arrays.stream(spec.keyIndexes()).mapToObj(i -> found.get(0)[i]).toList();
            row.add(Lineage.rowId(spec.targetTable(), key));
            if (BatchWriter.extraValues(spec) > 0) {
                row.add(found.get(0)[spec.modifierIndex()]); // the version's start (scd2)
            }
            try {
                transaction.run(tx -> {
                    writer.write(spec, spec.targetTable(), upsert, List.of(row));
                    deadLetters.remove(letter.id());
                });
                written++;
            } catch (RuntimeException e) {
                if (!Failures.isRowRejected(e)) {
                    throw e;
                }
                deadLetters.failedAgain(letter.id(), run.loadId, Failures.describe(e));
                failed++;
            }
        }
        LOG.info("{}: replayed dead letters: {} written, {} still rejected", spec.table(), written, failed);
    }
}
