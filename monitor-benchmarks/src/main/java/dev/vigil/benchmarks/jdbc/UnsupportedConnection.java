package dev.vigil.benchmarks.jdbc;

/**
 * A {@link java.sql.Connection} that supports nothing.
 *
 * <p>Every abstract method of {@link java.sql.Connection} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedConnection implements java.sql.Connection {

    @Override
    public void abort(java.util.concurrent.Executor p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.abort");
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.clearWarnings");
    }

    @Override
    public void close() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.close");
    }

    @Override
    public void commit() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.commit");
    }

    @Override
    public java.sql.Array createArrayOf(String p0, Object[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createArrayOf");
    }

    @Override
    public java.sql.Blob createBlob() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createBlob");
    }

    @Override
    public java.sql.Clob createClob() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createClob");
    }

    @Override
    public java.sql.NClob createNClob() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createNClob");
    }

    @Override
    public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createSQLXML");
    }

    @Override
    public java.sql.Statement createStatement() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createStatement");
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createStatement");
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createStatement");
    }

    @Override
    public java.sql.Struct createStruct(String p0, Object[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.createStruct");
    }

    @Override
    public boolean getAutoCommit() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getAutoCommit");
    }

    @Override
    public String getCatalog() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getCatalog");
    }

    @Override
    public java.util.Properties getClientInfo() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getClientInfo");
    }

    @Override
    public String getClientInfo(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getClientInfo");
    }

    @Override
    public int getHoldability() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getHoldability");
    }

    @Override
    public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getMetaData");
    }

    @Override
    public int getNetworkTimeout() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getNetworkTimeout");
    }

    @Override
    public String getSchema() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getSchema");
    }

    @Override
    public int getTransactionIsolation() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getTransactionIsolation");
    }

    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getTypeMap");
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.getWarnings");
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.isClosed");
    }

    @Override
    public boolean isReadOnly() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.isReadOnly");
    }

    @Override
    public boolean isValid(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.isValid");
    }

    @Override
    public boolean isWrapperFor(Class<?> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.isWrapperFor");
    }

    @Override
    public String nativeSQL(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.nativeSQL");
    }

    @Override
    public java.sql.CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareCall");
    }

    @Override
    public java.sql.CallableStatement prepareCall(String p0, int p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareCall");
    }

    @Override
    public java.sql.CallableStatement prepareCall(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareCall");
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareStatement");
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, String[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareStatement");
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareStatement");
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareStatement");
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareStatement");
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.prepareStatement");
    }

    @Override
    public void releaseSavepoint(java.sql.Savepoint p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.releaseSavepoint");
    }

    @Override
    public void rollback() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.rollback");
    }

    @Override
    public void rollback(java.sql.Savepoint p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.rollback");
    }

    @Override
    public void setAutoCommit(boolean p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setAutoCommit");
    }

    @Override
    public void setCatalog(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setCatalog");
    }

    @Override
    public void setClientInfo(String p0, String p1) throws java.sql.SQLClientInfoException {
        throw new UnsupportedOperationException("stub: Connection.setClientInfo");
    }

    @Override
    public void setClientInfo(java.util.Properties p0) throws java.sql.SQLClientInfoException {
        throw new UnsupportedOperationException("stub: Connection.setClientInfo");
    }

    @Override
    public void setHoldability(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setHoldability");
    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setNetworkTimeout");
    }

    @Override
    public void setReadOnly(boolean p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setReadOnly");
    }

    @Override
    public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setSavepoint");
    }

    @Override
    public java.sql.Savepoint setSavepoint(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setSavepoint");
    }

    @Override
    public void setSchema(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setSchema");
    }

    @Override
    public void setTransactionIsolation(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setTransactionIsolation");
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.setTypeMap");
    }

    @Override
    public <T> T unwrap(Class<T> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: Connection.unwrap");
    }
}
