package com.leadflow.demo;

import org.springframework.stereotype.Component;

/** PLACEHOLDER being replaced in this session by the real batched generator. */
@Component
public class DemoDataGenerator {

    public record Result(long contacts, long activities, long millis) {
    }

    public Result generate(int contacts, long activities, long seed) {
        throw new UnsupportedOperationException("not yet written");
    }
}
