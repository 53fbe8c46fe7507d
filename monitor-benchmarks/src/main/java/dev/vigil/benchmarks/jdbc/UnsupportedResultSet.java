package dev.vigil.benchmarks.jdbc;

/**
 * A {@link java.sql.ResultSet} that supports nothing.
 *
 * <p>Every abstract method of {@link java.sql.ResultSet} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedResultSet implements java.sql.ResultSet {

    @Override
    public boolean absolute(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.absolute");
    }

    @Override
    public void afterLast() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.afterLast");
    }

    @Override
    public void beforeFirst() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.beforeFirst");
    }

    @Override
    public void cancelRowUpdates() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.cancelRowUpdates");
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.clearWarnings");
    }

    @Override
    public void close() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.close");
    }

    @Override
    public void deleteRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.deleteRow");
    }

    @Override
    public int findColumn(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.findColumn");
    }

    @Override
    public boolean first() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.first");
    }

    @Override
    public java.sql.Array getArray(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getArray");
    }

    @Override
    public java.sql.Array getArray(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getArray");
    }

    @Override
    public java.io.InputStream getAsciiStream(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getAsciiStream");
    }

    @Override
    public java.io.InputStream getAsciiStream(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getAsciiStream");
    }

    @Deprecated
    @Override
    public java.math.BigDecimal getBigDecimal(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBigDecimal");
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBigDecimal");
    }

    @Deprecated
    @Override
    public java.math.BigDecimal getBigDecimal(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBigDecimal");
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBigDecimal");
    }

    @Override
    public java.io.InputStream getBinaryStream(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBinaryStream");
    }

    @Override
    public java.io.InputStream getBinaryStream(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBinaryStream");
    }

    @Override
    public java.sql.Blob getBlob(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBlob");
    }

    @Override
    public java.sql.Blob getBlob(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBlob");
    }

    @Override
    public boolean getBoolean(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBoolean");
    }

    @Override
    public boolean getBoolean(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBoolean");
    }

    @Override
    public byte getByte(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getByte");
    }

    @Override
    public byte getByte(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getByte");
    }

    @Override
    public byte[] getBytes(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBytes");
    }

    @Override
    public byte[] getBytes(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getBytes");
    }

    @Override
    public java.io.Reader getCharacterStream(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getCharacterStream");
    }

    @Override
    public java.io.Reader getCharacterStream(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getCharacterStream");
    }

    @Override
    public java.sql.Clob getClob(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getClob");
    }

    @Override
    public java.sql.Clob getClob(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getClob");
    }

    @Override
    public int getConcurrency() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getConcurrency");
    }

    @Override
    public String getCursorName() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getCursorName");
    }

    @Override
    public java.sql.Date getDate(String p0, java.util.Calendar p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getDate");
    }

    @Override
    public java.sql.Date getDate(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getDate");
    }

    @Override
    public java.sql.Date getDate(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getDate");
    }

    @Override
    public java.sql.Date getDate(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getDate");
    }

    @Override
    public double getDouble(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getDouble");
    }

    @Override
    public double getDouble(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getDouble");
    }

    @Override
    public int getFetchDirection() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getFetchDirection");
    }

    @Override
    public int getFetchSize() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getFetchSize");
    }

    @Override
    public float getFloat(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getFloat");
    }

    @Override
    public float getFloat(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getFloat");
    }

    @Override
    public int getHoldability() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getHoldability");
    }

    @Override
    public int getInt(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getInt");
    }

    @Override
    public int getInt(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getInt");
    }

    @Override
    public long getLong(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getLong");
    }

    @Override
    public long getLong(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getLong");
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getMetaData");
    }

    @Override
    public java.io.Reader getNCharacterStream(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getNCharacterStream");
    }

    @Override
    public java.io.Reader getNCharacterStream(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getNCharacterStream");
    }

    @Override
    public java.sql.NClob getNClob(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getNClob");
    }

    @Override
    public java.sql.NClob getNClob(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getNClob");
    }

    @Override
    public String getNString(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getNString");
    }

    @Override
    public String getNString(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getNString");
    }

    @Override
    public <T> T getObject(String p0, Class<T> p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getObject");
    }

    @Override
    public Object getObject(String p0, java.util.Map<String, Class<?>> p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getObject");
    }

    @Override
    public Object getObject(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getObject");
    }

    @Override
    public <T> T getObject(int p0, Class<T> p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getObject");
    }

    @Override
    public Object getObject(int p0, java.util.Map<String, Class<?>> p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getObject");
    }

    @Override
    public Object getObject(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getObject");
    }

    @Override
    public java.sql.Ref getRef(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getRef");
    }

    @Override
    public java.sql.Ref getRef(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getRef");
    }

    @Override
    public int getRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getRow");
    }

    @Override
    public java.sql.RowId getRowId(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getRowId");
    }

    @Override
    public java.sql.RowId getRowId(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getRowId");
    }

    @Override
    public java.sql.SQLXML getSQLXML(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getSQLXML");
    }

    @Override
    public java.sql.SQLXML getSQLXML(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getSQLXML");
    }

    @Override
    public short getShort(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getShort");
    }

    @Override
    public short getShort(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getShort");
    }

    @Override
    public java.sql.Statement getStatement() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getStatement");
    }

    @Override
    public String getString(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getString");
    }

    @Override
    public String getString(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getString");
    }

    @Override
    public java.sql.Time getTime(String p0, java.util.Calendar p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTime");
    }

    @Override
    public java.sql.Time getTime(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTime");
    }

    @Override
    public java.sql.Time getTime(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTime");
    }

    @Override
    public java.sql.Time getTime(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTime");
    }

    @Override
    public java.sql.Timestamp getTimestamp(String p0, java.util.Calendar p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTimestamp");
    }

    @Override
    public java.sql.Timestamp getTimestamp(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTimestamp");
    }

    @Override
    public java.sql.Timestamp getTimestamp(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTimestamp");
    }

    @Override
    public java.sql.Timestamp getTimestamp(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getTimestamp");
    }

    @Override
    public int getType() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getType");
    }

    @Override
    public java.net.URL getURL(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getURL");
    }

    @Override
    public java.net.URL getURL(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getURL");
    }

    @Deprecated
    @Override
    public java.io.InputStream getUnicodeStream(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getUnicodeStream");
    }

    @Deprecated
    @Override
    public java.io.InputStream getUnicodeStream(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getUnicodeStream");
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getWarnings");
    }

    @Override
    public void insertRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.insertRow");
    }

    @Override
    public boolean isAfterLast() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.isAfterLast");
    }

    @Override
    public boolean isBeforeFirst() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.isBeforeFirst");
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.isClosed");
    }

    @Override
    public boolean isFirst() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.isFirst");
    }

    @Override
    public boolean isLast() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.isLast");
    }

    @Override
    public boolean isWrapperFor(Class<?> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.isWrapperFor");
    }

    @Override
    public boolean last() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.last");
    }

    @Override
    public void moveToCurrentRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.moveToCurrentRow");
    }

    @Override
    public void moveToInsertRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.moveToInsertRow");
    }

    @Override
    public boolean next() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.next");
    }

    @Override
    public boolean previous() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.previous");
    }

    @Override
    public void refreshRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.refreshRow");
    }

    @Override
    public boolean relative(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.relative");
    }

    @Override
    public boolean rowDeleted() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.rowDeleted");
    }

    @Override
    public boolean rowInserted() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.rowInserted");
    }

    @Override
    public boolean rowUpdated() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.rowUpdated");
    }

    @Override
    public void setFetchDirection(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.setFetchDirection");
    }

    @Override
    public void setFetchSize(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.setFetchSize");
    }

    @Override
    public <T> T unwrap(Class<T> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.unwrap");
    }

    @Override
    public void updateArray(String p0, java.sql.Array p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateArray");
    }

    @Override
    public void updateArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateArray");
    }

    @Override
    public void updateAsciiStream(String p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateAsciiStream");
    }

    @Override
    public void updateBigDecimal(String p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBigDecimal");
    }

    @Override
    public void updateBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBigDecimal");
    }

    @Override
    public void updateBinaryStream(String p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBlob(String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(String p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(String p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBlob");
    }

    @Override
    public void updateBoolean(String p0, boolean p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBoolean");
    }

    @Override
    public void updateBoolean(int p0, boolean p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBoolean");
    }

    @Override
    public void updateByte(String p0, byte p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateByte");
    }

    @Override
    public void updateByte(int p0, byte p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateByte");
    }

    @Override
    public void updateBytes(String p0, byte[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBytes");
    }

    @Override
    public void updateBytes(int p0, byte[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateBytes");
    }

    @Override
    public void updateCharacterStream(String p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateCharacterStream");
    }

    @Override
    public void updateClob(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateClob");
    }

    @Override
    public void updateClob(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateClob");
    }

    @Override
    public void updateClob(String p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateClob");
    }

    @Override
    public void updateClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateClob");
    }

    @Override
    public void updateClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateClob");
    }

    @Override
    public void updateClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateClob");
    }

    @Override
    public void updateDate(String p0, java.sql.Date p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateDate");
    }

    @Override
    public void updateDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateDate");
    }

    @Override
    public void updateDouble(String p0, double p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateDouble");
    }

    @Override
    public void updateDouble(int p0, double p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateDouble");
    }

    @Override
    public void updateFloat(String p0, float p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateFloat");
    }

    @Override
    public void updateFloat(int p0, float p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateFloat");
    }

    @Override
    public void updateInt(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateInt");
    }

    @Override
    public void updateInt(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateInt");
    }

    @Override
    public void updateLong(String p0, long p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateLong");
    }

    @Override
    public void updateLong(int p0, long p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateLong");
    }

    @Override
    public void updateNCharacterStream(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNClob(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(String p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNClob");
    }

    @Override
    public void updateNString(String p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNString");
    }

    @Override
    public void updateNString(int p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNString");
    }

    @Override
    public void updateNull(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNull");
    }

    @Override
    public void updateNull(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateNull");
    }

    @Override
    public void updateObject(String p0, Object p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateObject");
    }

    @Override
    public void updateObject(String p0, Object p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateObject");
    }

    @Override
    public void updateObject(int p0, Object p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateObject");
    }

    @Override
    public void updateObject(int p0, Object p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateObject");
    }

    @Override
    public void updateRef(String p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateRef");
    }

    @Override
    public void updateRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateRef");
    }

    @Override
    public void updateRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateRow");
    }

    @Override
    public void updateRowId(String p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateRowId");
    }

    @Override
    public void updateRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateRowId");
    }

    @Override
    public void updateSQLXML(String p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateSQLXML");
    }

    @Override
    public void updateSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateSQLXML");
    }

    @Override
    public void updateShort(String p0, short p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateShort");
    }

    @Override
    public void updateShort(int p0, short p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateShort");
    }

    @Override
    public void updateString(String p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateString");
    }

    @Override
    public void updateString(int p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateString");
    }

    @Override
    public void updateTime(String p0, java.sql.Time p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateTime");
    }

    @Override
    public void updateTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateTime");
    }

    @Override
    public void updateTimestamp(String p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateTimestamp");
    }

    @Override
    public void updateTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.updateTimestamp");
    }

    @Override
    public boolean wasNull() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.wasNull");
    }
}
