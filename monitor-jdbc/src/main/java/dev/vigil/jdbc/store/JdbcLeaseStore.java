package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import dev.vigil.store.Lease;
import dev.vigil.store.LeaseStore;

/**
 * Leases in {@code <prefix>lease} on the database's clock, as ShedLock keeps them: an update that takes a lease
 * only if it ran out or is the caller's, else an insert that only one instance can make.
 */
final class JdbcLeaseStore implements LeaseStore {

    private final StoreDatabase database;
    private final String table;

    JdbcLeaseStore(StoreDatabase database) {
        this.database = database;
        this.table = database.table("lease");
    }

    @Override
    public boolean tryAcquire(String name, String owner, Duration duration) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease must last a positive duration, was " + duration);
        }
        long micros = Math.max(1, micros(duration));
        return database.call((connection, dialect) -> {
            String until = dialect.plusMicros("CURRENT_TIMESTAMP");
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET owner = ?, lease_until = "
                    + until + " WHERE name = ? AND (owner = ? OR lease_until <= CURRENT_TIMESTAMP)")) {
                update.setString(1, owner);
                update.setLong(2, micros);
                update.setString(3, name);
                update.setString(4, owner);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    dialect.insertIgnoringDuplicate(table, "name, owner, lease_until", "?, ?, " + until))) {
                insert.setString(1, name);
                insert.setString(2, owner);
                insert.setLong(3, micros);
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void release(String name, String owner) {
        database.call((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE name = ? AND owner = ?")) {
                delete.setString(1, name);
                delete.setString(2, owner);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> holder(String name) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT owner, lease_until FROM " + table
                    + " WHERE name = ? AND lease_until > CURRENT_TIMESTAMP")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Lease(name, rows.getString("owner"), Sql.requiredInstant(rows, "lease_until")))
                            : Optional.<Lease>empty();
                }
            }
        });
    }

    private static long micros(Duration duration) {
        try {
            return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a lease of " + duration + " is too long", e);
        }
    }
}
