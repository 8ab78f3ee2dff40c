package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * A real database for the message-log tests: an H2 file database in a temporary folder (or any
 * JDBC URL), with the gateway's Flyway migrations applied, behind a connection pool as in the gateway.
 */
public final class TestDatabase implements AutoCloseable {

    public final String url;
    public final String user;
    public final String password;
    private final HikariDataSource pool;

    private TestDatabase(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        var flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
        if (schema != null) {
            flyway.schemas(schema);
        }
        flyway.load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(12);
        if (schema != null) {
            config.setSchema(schema);
        }
        this.pool = new HikariDataSource(config);
    }

    /** A fresh H2 file database in {@code folder}. */
    public static TestDatabase h2(Path folder) {
        return h2(folder, "");
    }

    /** A fresh H2 file database in {@code folder}, with more settings ({@code ";WRITE_DELAY=0"}, as the gateway's URL). */
    public static TestDatabase h2(Path folder, String settings) {
        return new TestDatabase("jdbc:h2:file:" + folder.toAbsolutePath().resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE" + settings,
                "gateway", "", null);
    }

    /** A fresh schema of an existing database (PostgreSQL). */
    public static TestDatabase inSchema(String url, String user, String password, String schema) {
        return new TestDatabase(url, user, password, schema);
    }

    public DataSource dataSource() {
        return pool;
    }

    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
