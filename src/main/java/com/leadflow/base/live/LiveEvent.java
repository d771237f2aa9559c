package com.leadflow.base.live;

/**
 * An application event that open screens may follow. Publish it with Spring's {@code ApplicationEventPublisher}
 * inside the transaction that makes the change: {@link LiveUpdates} hands it to screens only after that commit.
 */
public interface LiveEvent {
}
