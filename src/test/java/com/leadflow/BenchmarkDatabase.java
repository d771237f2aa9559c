package com.leadflow;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A benchmark on the benchmark database (1,000,000 contacts, see docs/benchmarks.md): the real application on
 * {@code ~/.leadflow/bench/data}, port 3310, 4 GB buffer pool. Runs only with {@code -Dbenchmark=true}; prints
 * figures and asserts nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(properties = {
        "leadflow.db.data-dir=${leadflow.bench.data-dir:${user.home}/.leadflow/bench/data}",
        "leadflow.db.port=${leadflow.bench.port:3310}",
        "leadflow.db.fresh=false",
        "leadflow.db.buffer-pool-size=4G",
        "leadflow.demo.enabled=true",
        "leadflow.demo.contacts=0",
        "leadflow.segments.time-check-interval=PT24H",
        "vaadin.launch-browser=false"
})
public @interface BenchmarkDatabase {
}
