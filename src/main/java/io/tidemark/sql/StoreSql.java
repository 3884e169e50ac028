package io.tidemark.sql;

/**
 * The statements on Tidemark's own tables in the target database (io.tidemark.store): the state table (the
 * watermark, one row per target table), the loads table (one row per run that wrote or failed), dead letters,
 * paused tables and the source's column declarations. Each method takes the table's name unquoted and returns
 * the statement with {@code ?} for its values; the parameters each statement binds are listed beside it, in order.
 * A dialect's implementation lives beside it (io.tidemark.sql.mysql.MySqlStoreSql); the columns are those named
 * here, so that the stores read every dialect's rows alike. Times are UTC.
 */
public interface StoreSql {

    // The state table: table_name (key), phase, last_modifier, last_key (a JSON array), rows_synced,
    // invisible_rows, last_load_id, status, last_error, last_success, updated_at.

    /** Creates the state table unless it exists. */
    String createState(String state);

    /**
     * One table's state row (parameter: table name), columns: phase, last_modifier, last_key, rows_synced,
     * last_load_id, status, last_error, and whether last_success is set.
     */
    String readState(String state);

    /** Every state row: table_name, then the columns of {@link #readState}. No parameters. */
    String readStates(String state);

    /**
     * Records a written batch (insert or update): parameters table, phase, last_modifier, last_key, rows, load id;
     * status 'running'. The rows are added to rows_synced unless phase and position equal the stored ones (a batch
     * retried after its commit succeeded is not counted twice).
     */
    String recordBatchState(String state);

    /** Sets phase and position, status 'running' (insert or update): parameters table, phase, modifier, key. */
    String moveState(String state);

    /** As {@link #moveState}, and rows_synced back to 0: parameters table, phase, modifier, key. */
    String restartState(String state);

    /**
     * Closes a run on its state row (insert or update; phase only on insert): parameters table, phase, status,
     * error, invisible rows, succeeded (sets last_success on insert), succeeded again (on update).
     */
    String finishState(String state);

    // The ranges table (a parallel first load, one row per key range): table_name and range_no (key), low_key and
    // high_key (the range's bounds on the first key column, as text; NULL: unbounded), last_key (the range's
    // committed position, a JSON array as in the state table), rows_synced.

    /** Creates the ranges table unless it exists. */
    String createRanges(String ranges);

    /** A table's ranges in order (range_no, low_key, high_key, last_key, rows_synced): parameter table. */
    String readRanges(String ranges);

    /** Deletes a table's ranges: parameter table. */
    String clearRanges(String ranges);

    /** A new range with no rows: parameters table, range_no, low_key, high_key. */
    String addRange(String ranges);

    /**
     * Records a range's written batch: parameters last_key, rows, last_key, table, range_no. The rows are added unless
     * the stored last_key equals the new one (a batch retried after its commit succeeded is not counted twice).
     */
    String recordRangeBatch(String ranges);

    /** Adds the rows of a table's ranges to its state row's rows_synced: parameters table (ranges), table (state). */
    String addRangeRows(String state, String ranges);

    // The loads table: table_name and load_id (key), started_at, finished_at, rows_written, status, error,
    // instance_id.

    /** Creates the loads table unless it exists. */
    String createLoads(String loads);

    /** Adds instance_id to a loads table made before runs recorded their instance. */
    String addLoadsInstanceId(String loads);

    /**
     * A run's batch (insert, or add its rows): parameters table, load id, started at, rows, instance id;
     * status 'running'.
     */
    String recordBatchLoad(String loads);

    /**
     * Closes a run's row (insert or update finished_at, status, error): parameters table, load id, started at,
     * status, error, instance id.
     */
    String finishLoad(String loads);

    /** Closes a run that wrote no row, status 'ok': parameters table, load id. */
    String closeLoad(String loads);

    /** One row if the table has runs: parameter table. */
    String hasRuns(String loads);

    /** A repair's row, finished now, status 'repaired': parameters table, load id, started at, rows written. */
    String repairedLoad(String loads);

    // The dead-letter table: id (generated key), table_name, row_key (JSON array), row_content (JSON object),
    // load_id, error, attempts, first_failed_at, last_failed_at.

    /** Creates the dead-letter table unless it exists. */
    String createDeadLetters(String deadLetters);

    /**
     * A key rejected again: new content, load id and error, one more attempt. Parameters content, load id, error,
     * table, key.
     */
    String rejectAgain(String deadLetters);

    /** A key rejected the first time: parameters table, key, content, load id, error. */
    String reject(String deadLetters);

    /**
     * Deletes the dead letters of {@code keys} keys written by another load: parameters table, load id, then each
     * key.
     */
    String resolve(String deadLetters, int keys);

    /** A table's dead letters, oldest first (id, row_key, attempts): parameter table. */
    String lettersOf(String deadLetters);

    /**
     * A page of a table's dead letters, oldest first (id, row_key, row_content, error, attempts, load_id,
     * first_failed_at, last_failed_at as text): parameters table, limit, offset.
     */
    String letterPage(String deadLetters);

    /** table_name and count of dead letters per table. No parameters. */
    String letterCounts(String deadLetters);

    /** A table's count of dead letters: parameter table. */
    String letterCount(String deadLetters);

    /** Deletes one dead letter: parameter id. */
    String removeLetter(String deadLetters);

    /** A replay failed again (one more attempt): parameters load id, error, id. */
    String replayFailed(String deadLetters);

    // The paused table: table_name (key), paused_at.

    /** Creates the paused table unless it exists. */
    String createPaused(String paused);

    /** One row if the table is paused: parameter table. */
    String isPaused(String paused);

    /** Every paused table's name. No parameters. */
    String allPaused(String paused);

    /** Pauses a table (nothing if paused already): parameter table. */
    String pause(String paused);

    /** Resumes a table: parameter table. */
    String resume(String paused);

    // The source-columns table: table_name (key), columns_json (column name to declaration).

    /** Creates the source-columns table unless it exists. */
    String createSourceColumns(String sourceColumns);

    /** A table's declarations (columns_json): parameter table. */
    String readSourceColumns(String sourceColumns);

    /** Records a table's declarations (insert or replace): parameters table, columns_json. */
    String recordSourceColumns(String sourceColumns);

    // The verifications table: table_name (key), verified_at (UTC), outcome_json (the table's last verification).

    /** Creates the verifications table unless it exists. */
    String createVerifications(String verifications);

    /** Every table's last verification: table_name, outcome_json. */
    String readVerifications(String verifications);

    /** Records a table's last verification (insert or replace): parameters table, outcome_json. */
    String recordVerification(String verifications);
}
