package io.tidemark.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;

/**
 * How camel-sql binds Tidemark's statements, whose parameters are always a positional list: straight to
 * {@code setObject}. camel-sql's default scans the whole statement text for named parameters on every row, and
 * binds through Spring's type lookup; together that was 30% of a first load's CPU.
 *
 * <p>The statement text is never scanned for named parameters, whatever the endpoint says: it holds identifiers
 * from the source's catalog, and camel-sql evaluates the expression in a {@code :?in:${...}} it finds there.
 */
public final class PositionalParameters extends DefaultSqlPrepareStatementStrategy {

    @Override
    public String prepareQuery(String query, boolean allowNamedParameters, Exchange exchange) throws SQLException {
        return query;
    }

    @Override
    public Iterator<?> createPopulateIterator(String query, String preparedQuery, int expectedParams,
                                              Exchange exchange, Object value) throws SQLException {
        return value instanceof List<?> list ? list.iterator()
                : super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value);
    }

    @Override
    public void populateStatement(PreparedStatement ps, Iterator<?> values, int expectedParams) throws SQLException {
        int i = 0;
        while (values.hasNext()) {
            Object value = values.next();
            i++;
            if (value == null) {
                ps.setNull(i, Types.NULL);
            } else {
                ps.setObject(i, value);
            }
        }
        if (i != expectedParams) {
            throw new SQLException("the statement takes " + expectedParams + " parameters but " + i + " were given");
        }
    }
}
