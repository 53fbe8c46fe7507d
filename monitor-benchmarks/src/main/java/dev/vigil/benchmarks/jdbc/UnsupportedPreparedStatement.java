package dev.vigil.benchmarks.jdbc;

/**
 * A {@link java.sql.PreparedStatement} that supports nothing.
 *
 * <p>Every abstract method of {@link java.sql.PreparedStatement} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedPreparedStatement implements java.sql.PreparedStatement {

    @Override
    public void addBatch() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.addBatch");
    }

    @Override
    public void addBatch(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.addBatch");
    }

    @Override
    public void cancel() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.cancel");
    }

    @Override
    public void clearBatch() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.clearBatch");
    }

    @Override
    public void clearParameters() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.clearParameters");
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.clearWarnings");
    }

    @Override
    public void close() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.close");
    }

    @Override
    public void closeOnCompletion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.closeOnCompletion");
    }

    @Override
    public boolean execute() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.execute");
    }

    @Override
    public boolean execute(String p0, int[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.execute");
    }

    @Override
    public boolean execute(String p0, String[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.execute");
    }

    @Override
    public boolean execute(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.execute");
    }

    @Override
    public boolean execute(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.execute");
    }

    @Override
    public int[] executeBatch() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeBatch");
    }

    @Override
    public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeQuery");
    }

    @Override
    public java.sql.ResultSet executeQuery(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeQuery");
    }

    @Override
    public int executeUpdate() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(String p0, int[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(String p0, String[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.executeUpdate");
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getConnection");
    }

    @Override
    public int getFetchDirection() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getFetchDirection");
    }

    @Override
    public int getFetchSize() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getFetchSize");
    }

    @Override
    public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getGeneratedKeys");
    }

    @Override
    public int getMaxFieldSize() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getMaxFieldSize");
    }

    @Override
    public int getMaxRows() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getMaxRows");
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getMetaData");
    }

    @Override
    public boolean getMoreResults() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getMoreResults");
    }

    @Override
    public boolean getMoreResults(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getMoreResults");
    }

    @Override
    public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getParameterMetaData");
    }

    @Override
    public int getQueryTimeout() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getQueryTimeout");
    }

    @Override
    public java.sql.ResultSet getResultSet() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getResultSet");
    }

    @Override
    public int getResultSetConcurrency() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getResultSetConcurrency");
    }

    @Override
    public int getResultSetHoldability() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getResultSetHoldability");
    }

    @Override
    public int getResultSetType() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getResultSetType");
    }

    @Override
    public int getUpdateCount() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getUpdateCount");
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.getWarnings");
    }

    @Override
    public boolean isCloseOnCompletion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.isCloseOnCompletion");
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.isClosed");
    }

    @Override
    public boolean isPoolable() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.isPoolable");
    }

    @Override
    public boolean isWrapperFor(Class<?> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.isWrapperFor");
    }

    @Override
    public void setArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setArray");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setAsciiStream");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setAsciiStream");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setAsciiStream");
    }

    @Override
    public void setBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBigDecimal");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBinaryStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBinaryStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBinaryStream");
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBlob");
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBlob");
    }

    @Override
    public void setBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBlob");
    }

    @Override
    public void setBoolean(int p0, boolean p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBoolean");
    }

    @Override
    public void setByte(int p0, byte p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setByte");
    }

    @Override
    public void setBytes(int p0, byte[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setBytes");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setCharacterStream");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setCharacterStream");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setCharacterStream");
    }

    @Override
    public void setClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setClob");
    }

    @Override
    public void setClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setClob");
    }

    @Override
    public void setClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setClob");
    }

    @Override
    public void setCursorName(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setCursorName");
    }

    @Override
    public void setDate(int p0, java.sql.Date p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setDate");
    }

    @Override
    public void setDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setDate");
    }

    @Override
    public void setDouble(int p0, double p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setDouble");
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setEscapeProcessing");
    }

    @Override
    public void setFetchDirection(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setFetchDirection");
    }

    @Override
    public void setFetchSize(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setFetchSize");
    }

    @Override
    public void setFloat(int p0, float p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setFloat");
    }

    @Override
    public void setInt(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setInt");
    }

    @Override
    public void setLong(int p0, long p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setLong");
    }

    @Override
    public void setMaxFieldSize(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setMaxFieldSize");
    }

    @Override
    public void setMaxRows(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setMaxRows");
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNCharacterStream");
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNCharacterStream");
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNClob");
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNClob");
    }

    @Override
    public void setNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNClob");
    }

    @Override
    public void setNString(int p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNString");
    }

    @Override
    public void setNull(int p0, int p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNull");
    }

    @Override
    public void setNull(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setNull");
    }

    @Override
    public void setObject(int p0, Object p1, int p2, int p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setObject");
    }

    @Override
    public void setObject(int p0, Object p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setObject");
    }

    @Override
    public void setObject(int p0, Object p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setObject");
    }

    @Override
    public void setPoolable(boolean p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setPoolable");
    }

    @Override
    public void setQueryTimeout(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setQueryTimeout");
    }

    @Override
    public void setRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setRef");
    }

    @Override
    public void setRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setRowId");
    }

    @Override
    public void setSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setSQLXML");
    }

    @Override
    public void setShort(int p0, short p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setShort");
    }

    @Override
    public void setString(int p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setString");
    }

    @Override
    public void setTime(int p0, java.sql.Time p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setTime");
    }

    @Override
    public void setTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setTime");
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setTimestamp");
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setTimestamp");
    }

    @Override
    public void setURL(int p0, java.net.URL p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setURL");
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.setUnicodeStream");
    }

    @Override
    public <T> T unwrap(Class<T> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: PreparedStatement.unwrap");
    }
}
