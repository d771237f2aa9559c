package com.leadflow.base.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Starts the embedded MariaDB before anything that needs a connection, and builds the DataSource on it.
 * With {@code leadflow.db.embedded=false} this backs off and Spring Boot's {@code spring.datasource.*} applies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedMariaDbProperties.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty(name = "leadflow.db.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedMariaDb embeddedMariaDb(EmbeddedMariaDbProperties properties) {
        return EmbeddedMariaDb.start(properties);
    }

    @Bean
    @ConditionalOnProperty(name = "leadflow.db.embedded", havingValue = "true", matchIfMissing = true)
    DataSource dataSource(EmbeddedMariaDb db, EmbeddedMariaDbProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:mariadb://127.0.0.1:" + db.port() + "/" + properties.getDatabase()
                + "?createDatabaseIfNotExist=true&allowLocalInfile=true&useBulkStmts=true");
        dataSource.setUsername("root");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("leadflow");
        return dataSource;
    }
}
