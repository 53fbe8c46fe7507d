package dev.vigil.benchmarks.jdbc;

/**
 * A {@link java.sql.DatabaseMetaData} that supports nothing.
 *
 * <p>Every abstract method of {@link java.sql.DatabaseMetaData} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedDatabaseMetaData implements java.sql.DatabaseMetaData {

    @Override
    public boolean allProceduresAreCallable() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.allProceduresAreCallable");
    }

    @Override
    public boolean allTablesAreSelectable() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.allTablesAreSelectable");
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.autoCommitFailureClosesAllResultSets");
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.dataDefinitionCausesTransactionCommit");
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.dataDefinitionIgnoredInTransactions");
    }

    @Override
    public boolean deletesAreDetected(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.deletesAreDetected");
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.doesMaxRowSizeIncludeBlobs");
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.generatedKeyAlwaysReturned");
    }

    @Override
    public java.sql.ResultSet getAttributes(String p0, String p1, String p2, String p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getAttributes");
    }

    @Override
    public java.sql.ResultSet getBestRowIdentifier(String p0, String p1, String p2, int p3, boolean p4) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getBestRowIdentifier");
    }

    @Override
    public String getCatalogSeparator() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getCatalogSeparator");
    }

    @Override
    public String getCatalogTerm() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getCatalogTerm");
    }

    @Override
    public java.sql.ResultSet getCatalogs() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getCatalogs");
    }

    @Override
    public java.sql.ResultSet getClientInfoProperties() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getClientInfoProperties");
    }

    @Override
    public java.sql.ResultSet getColumnPrivileges(String p0, String p1, String p2, String p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getColumnPrivileges");
    }

    @Override
    public java.sql.ResultSet getColumns(String p0, String p1, String p2, String p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getColumns");
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getConnection");
    }

    @Override
    public java.sql.ResultSet getCrossReference(String p0, String p1, String p2, String p3, String p4, String p5) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getCrossReference");
    }

    @Override
    public int getDatabaseMajorVersion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDatabaseMajorVersion");
    }

    @Override
    public int getDatabaseMinorVersion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDatabaseMinorVersion");
    }

    @Override
    public String getDatabaseProductName() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDatabaseProductName");
    }

    @Override
    public String getDatabaseProductVersion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDatabaseProductVersion");
    }

    @Override
    public int getDefaultTransactionIsolation() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDefaultTransactionIsolation");
    }

    @Override
    public int getDriverMajorVersion() {
        throw new UnsupportedOperationException("stub: DatabaseMetaData.getDriverMajorVersion");
    }

    @Override
    public int getDriverMinorVersion() {
        throw new UnsupportedOperationException("stub: DatabaseMetaData.getDriverMinorVersion");
    }

    @Override
    public String getDriverName() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDriverName");
    }

    @Override
    public String getDriverVersion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getDriverVersion");
    }

    @Override
    public java.sql.ResultSet getExportedKeys(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getExportedKeys");
    }

    @Override
    public String getExtraNameCharacters() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getExtraNameCharacters");
    }

    @Override
    public java.sql.ResultSet getFunctionColumns(String p0, String p1, String p2, String p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getFunctionColumns");
    }

    @Override
    public java.sql.ResultSet getFunctions(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getFunctions");
    }

    @Override
    public String getIdentifierQuoteString() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getIdentifierQuoteString");
    }

    @Override
    public java.sql.ResultSet getImportedKeys(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getImportedKeys");
    }

    @Override
    public java.sql.ResultSet getIndexInfo(String p0, String p1, String p2, boolean p3, boolean p4) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getIndexInfo");
    }

    @Override
    public int getJDBCMajorVersion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getJDBCMajorVersion");
    }

    @Override
    public int getJDBCMinorVersion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getJDBCMinorVersion");
    }

    @Override
    public int getMaxBinaryLiteralLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxBinaryLiteralLength");
    }

    @Override
    public int getMaxCatalogNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxCatalogNameLength");
    }

    @Override
    public int getMaxCharLiteralLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxCharLiteralLength");
    }

    @Override
    public int getMaxColumnNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxColumnNameLength");
    }

    @Override
    public int getMaxColumnsInGroupBy() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxColumnsInGroupBy");
    }

    @Override
    public int getMaxColumnsInIndex() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxColumnsInIndex");
    }

    @Override
    public int getMaxColumnsInOrderBy() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxColumnsInOrderBy");
    }

    @Override
    public int getMaxColumnsInSelect() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxColumnsInSelect");
    }

    @Override
    public int getMaxColumnsInTable() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxColumnsInTable");
    }

    @Override
    public int getMaxConnections() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxConnections");
    }

    @Override
    public int getMaxCursorNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxCursorNameLength");
    }

    @Override
    public int getMaxIndexLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxIndexLength");
    }

    @Override
    public int getMaxProcedureNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxProcedureNameLength");
    }

    @Override
    public int getMaxRowSize() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxRowSize");
    }

    @Override
    public int getMaxSchemaNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxSchemaNameLength");
    }

    @Override
    public int getMaxStatementLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxStatementLength");
    }

    @Override
    public int getMaxStatements() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxStatements");
    }

    @Override
    public int getMaxTableNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxTableNameLength");
    }

    @Override
    public int getMaxTablesInSelect() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxTablesInSelect");
    }

    @Override
    public int getMaxUserNameLength() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getMaxUserNameLength");
    }

    @Override
    public String getNumericFunctions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getNumericFunctions");
    }

    @Override
    public java.sql.ResultSet getPrimaryKeys(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getPrimaryKeys");
    }

    @Override
    public java.sql.ResultSet getProcedureColumns(String p0, String p1, String p2, String p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getProcedureColumns");
    }

    @Override
    public String getProcedureTerm() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getProcedureTerm");
    }

    @Override
    public java.sql.ResultSet getProcedures(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getProcedures");
    }

    @Override
    public java.sql.ResultSet getPseudoColumns(String p0, String p1, String p2, String p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getPseudoColumns");
    }

    @Override
    public int getResultSetHoldability() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getResultSetHoldability");
    }

    @Override
    public java.sql.RowIdLifetime getRowIdLifetime() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getRowIdLifetime");
    }

    @Override
    public String getSQLKeywords() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSQLKeywords");
    }

    @Override
    public int getSQLStateType() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSQLStateType");
    }

    @Override
    public String getSchemaTerm() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSchemaTerm");
    }

    @Override
    public java.sql.ResultSet getSchemas() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSchemas");
    }

    @Override
    public java.sql.ResultSet getSchemas(String p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSchemas");
    }

    @Override
    public String getSearchStringEscape() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSearchStringEscape");
    }

    @Override
    public String getStringFunctions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getStringFunctions");
    }

    @Override
    public java.sql.ResultSet getSuperTables(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSuperTables");
    }

    @Override
    public java.sql.ResultSet getSuperTypes(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSuperTypes");
    }

    @Override
    public String getSystemFunctions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getSystemFunctions");
    }

    @Override
    public java.sql.ResultSet getTablePrivileges(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getTablePrivileges");
    }

    @Override
    public java.sql.ResultSet getTableTypes() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getTableTypes");
    }

    @Override
    public java.sql.ResultSet getTables(String p0, String p1, String p2, String[] p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getTables");
    }

    @Override
    public String getTimeDateFunctions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getTimeDateFunctions");
    }

    @Override
    public java.sql.ResultSet getTypeInfo() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getTypeInfo");
    }

    @Override
    public java.sql.ResultSet getUDTs(String p0, String p1, String p2, int[] p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getUDTs");
    }

    @Override
    public String getURL() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getURL");
    }

    @Override
    public String getUserName() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getUserName");
    }

    @Override
    public java.sql.ResultSet getVersionColumns(String p0, String p1, String p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.getVersionColumns");
    }

    @Override
    public boolean insertsAreDetected(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.insertsAreDetected");
    }

    @Override
    public boolean isCatalogAtStart() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.isCatalogAtStart");
    }

    @Override
    public boolean isReadOnly() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.isReadOnly");
    }

    @Override
    public boolean isWrapperFor(Class<?> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.isWrapperFor");
    }

    @Override
    public boolean locatorsUpdateCopy() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.locatorsUpdateCopy");
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.nullPlusNonNullIsNull");
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.nullsAreSortedAtEnd");
    }

    @Override
    public boolean nullsAreSortedAtStart() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.nullsAreSortedAtStart");
    }

    @Override
    public boolean nullsAreSortedHigh() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.nullsAreSortedHigh");
    }

    @Override
    public boolean nullsAreSortedLow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.nullsAreSortedLow");
    }

    @Override
    public boolean othersDeletesAreVisible(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.othersDeletesAreVisible");
    }

    @Override
    public boolean othersInsertsAreVisible(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.othersInsertsAreVisible");
    }

    @Override
    public boolean othersUpdatesAreVisible(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.othersUpdatesAreVisible");
    }

    @Override
    public boolean ownDeletesAreVisible(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.ownDeletesAreVisible");
    }

    @Override
    public boolean ownInsertsAreVisible(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.ownInsertsAreVisible");
    }

    @Override
    public boolean ownUpdatesAreVisible(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.ownUpdatesAreVisible");
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.storesLowerCaseIdentifiers");
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.storesLowerCaseQuotedIdentifiers");
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.storesMixedCaseIdentifiers");
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.storesMixedCaseQuotedIdentifiers");
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.storesUpperCaseIdentifiers");
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.storesUpperCaseQuotedIdentifiers");
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsANSI92EntryLevelSQL");
    }

    @Override
    public boolean supportsANSI92FullSQL() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsANSI92FullSQL");
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsANSI92IntermediateSQL");
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsAlterTableWithAddColumn");
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsAlterTableWithDropColumn");
    }

    @Override
    public boolean supportsBatchUpdates() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsBatchUpdates");
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCatalogsInDataManipulation");
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCatalogsInIndexDefinitions");
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCatalogsInPrivilegeDefinitions");
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCatalogsInProcedureCalls");
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCatalogsInTableDefinitions");
    }

    @Override
    public boolean supportsColumnAliasing() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsColumnAliasing");
    }

    @Override
    public boolean supportsConvert() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsConvert");
    }

    @Override
    public boolean supportsConvert(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsConvert");
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCoreSQLGrammar");
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsCorrelatedSubqueries");
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsDataDefinitionAndDataManipulationTransactions");
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsDataManipulationTransactionsOnly");
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsDifferentTableCorrelationNames");
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsExpressionsInOrderBy");
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsExtendedSQLGrammar");
    }

    @Override
    public boolean supportsFullOuterJoins() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsFullOuterJoins");
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsGetGeneratedKeys");
    }

    @Override
    public boolean supportsGroupBy() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsGroupBy");
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsGroupByBeyondSelect");
    }

    @Override
    public boolean supportsGroupByUnrelated() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsGroupByUnrelated");
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsIntegrityEnhancementFacility");
    }

    @Override
    public boolean supportsLikeEscapeClause() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsLikeEscapeClause");
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsLimitedOuterJoins");
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsMinimumSQLGrammar");
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsMixedCaseIdentifiers");
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsMixedCaseQuotedIdentifiers");
    }

    @Override
    public boolean supportsMultipleOpenResults() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsMultipleOpenResults");
    }

    @Override
    public boolean supportsMultipleResultSets() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsMultipleResultSets");
    }

    @Override
    public boolean supportsMultipleTransactions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsMultipleTransactions");
    }

    @Override
    public boolean supportsNamedParameters() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsNamedParameters");
    }

    @Override
    public boolean supportsNonNullableColumns() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsNonNullableColumns");
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsOpenCursorsAcrossCommit");
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsOpenCursorsAcrossRollback");
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsOpenStatementsAcrossCommit");
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsOpenStatementsAcrossRollback");
    }

    @Override
    public boolean supportsOrderByUnrelated() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsOrderByUnrelated");
    }

    @Override
    public boolean supportsOuterJoins() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsOuterJoins");
    }

    @Override
    public boolean supportsPositionedDelete() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsPositionedDelete");
    }

    @Override
    public boolean supportsPositionedUpdate() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsPositionedUpdate");
    }

    @Override
    public boolean supportsResultSetConcurrency(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsResultSetConcurrency");
    }

    @Override
    public boolean supportsResultSetHoldability(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsResultSetHoldability");
    }

    @Override
    public boolean supportsResultSetType(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsResultSetType");
    }

    @Override
    public boolean supportsSavepoints() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSavepoints");
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSchemasInDataManipulation");
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSchemasInIndexDefinitions");
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSchemasInPrivilegeDefinitions");
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSchemasInProcedureCalls");
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSchemasInTableDefinitions");
    }

    @Override
    public boolean supportsSelectForUpdate() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSelectForUpdate");
    }

    @Override
    public boolean supportsStatementPooling() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsStatementPooling");
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsStoredFunctionsUsingCallSyntax");
    }

    @Override
    public boolean supportsStoredProcedures() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsStoredProcedures");
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSubqueriesInComparisons");
    }

    @Override
    public boolean supportsSubqueriesInExists() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSubqueriesInExists");
    }

    @Override
    public boolean supportsSubqueriesInIns() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSubqueriesInIns");
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsSubqueriesInQuantifieds");
    }

    @Override
    public boolean supportsTableCorrelationNames() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsTableCorrelationNames");
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsTransactionIsolationLevel");
    }

    @Override
    public boolean supportsTransactions() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsTransactions");
    }

    @Override
    public boolean supportsUnion() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsUnion");
    }

    @Override
    public boolean supportsUnionAll() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.supportsUnionAll");
    }

    @Override
    public <T> T unwrap(Class<T> p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.unwrap");
    }

    @Override
    public boolean updatesAreDetected(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.updatesAreDetected");
    }

    @Override
    public boolean usesLocalFilePerTable() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.usesLocalFilePerTable");
    }

    @Override
    public boolean usesLocalFiles() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: DatabaseMetaData.usesLocalFiles");
    }
}
