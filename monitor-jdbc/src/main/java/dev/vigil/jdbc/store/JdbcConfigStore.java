package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.vigil.config.ConfigStore;
import dev.vigil.config.StoredSetting;

/** Runtime switches in {@code <prefix>setting}, one row per key. */
final class JdbcConfigStore implements ConfigStore {

    private final StoreDatabase database;
    private final String table;

    JdbcConfigStore(StoreDatabase database) {
        this.database = database;
        this.table = database.table("setting");
    }

    @Override
    public List<StoredSetting> loadAll() {
        return database.call((connection, dialect) -> {
            List<StoredSetting> result = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT setting_key, setting_value, updated_at, updated_by FROM "
                            + table + " ORDER BY setting_key")) {
                while (rows.next()) {
                    result.add(new StoredSetting(rows.getString("setting_key"), rows.getString("setting_value"),
                            Sql.requiredInstant(rows, "updated_at"), rows.getString("updated_by")));
                }
            }
            return List.copyOf(result);
        });
    }

    @Override
    public void save(StoredSetting setting) {
        Objects.requireNonNull(setting, "setting");
        database.call((connection, dialect) -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    dialect.upsert(table, "setting_key", "setting_key, setting_value, updated_at, updated_by"))) {
                upsert.setString(1, setting.key());
                upsert.setString(2, setting.value());
                Sql.setInstant(upsert, 3, setting.updatedAt());
                upsert.setString(4, setting.updatedBy());
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
