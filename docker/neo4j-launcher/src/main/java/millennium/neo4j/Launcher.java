package millennium.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded in this JVM with the Bolt connector on a loopback address.
 *
 * <p>Settings come from the environment so that the password never shows in a process list:
 * NEO4J_DATA_DIR (database home), NEO4J_BOLT_HOST, NEO4J_BOLT_PORT, NEO4J_USER,
 * NEO4J_PASSWORD and NEO4J_PAGECACHE (for example "256m"). The line "READY host:port" is
 * printed once the database accepts Bolt connections with the configured credentials.
 *
 * <p>NEO4J_PLUGIN_DIR, when set, names the folder of procedure jars to load (the Graph Data
 * Science jars of the gds Maven profile), and the gds.* procedures then run unrestricted, as
 * GDS requires. Neo4j finds kernel extensions such as GDS's on the class path, so the caller
 * puts the same jars on it too.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path home = Path.of(required(env, "NEO4J_DATA_DIR")).toAbsolutePath();
        String host = env.getOrDefault("NEO4J_BOLT_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("NEO4J_BOLT_PORT", "7687"));
        String user = env.getOrDefault("NEO4J_USER", "neo4j");
        String password = required(env, "NEO4J_PASSWORD");
        String pageCache = env.getOrDefault("NEO4J_PAGECACHE", "256m");
        String pluginDir = env.get("NEO4J_PLUGIN_DIR");

        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (pluginDir != null && !pluginDir.isBlank()) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(pluginDir).toAbsolutePath())
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
            System.out.println("Loading procedures from " + pluginDir);
        }
        DatabaseManagementService service = builder
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // LOAD CSV may not read the machine's files: imports go through the service.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnectorInternalSettings.enable_loopback_auth, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            service.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        setCredentials(service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), user, password);

        System.out.println("READY " + host + ":" + port);
        System.out.flush();
        stopped.await();
    }

    /**
     * Makes the configured user log in with the configured password, on a new store and on
     * one whose password was changed since, without asking for a change at first login.
     */
    private static void setCredentials(GraphDatabaseService system, String user, String password) {
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                Map.of("user", user),
                result -> ((Number) result.next().get("n")).longValue() > 0);
        String statement = exists
                ? "ALTER USER " + quoteName(user) + " SET PASSWORD $password CHANGE NOT REQUIRED"
                : "CREATE USER " + quoteName(user) + " SET PASSWORD $password CHANGE NOT REQUIRED";
        try {
            system.executeTransactionally(statement, Map.of("password", password));
        } catch (RuntimeException error) {
            // Neo4j rejects setting the password a user already has; that is the state we want.
            if (!String.valueOf(error.getMessage()).contains("Old password and new password cannot be the same")) {
                throw error;
            }
        }
    }

    private static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            System.err.println("Missing environment variable " + name);
            System.exit(2);
        }
        return value;
    }
}
