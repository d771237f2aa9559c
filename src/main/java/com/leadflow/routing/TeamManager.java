package com.leadflow.routing;

import java.io.Serializable;

/** A team and the manager its SLA breaches escalate to (null: the administrators). */
public record TeamManager(long teamId, String teamName, Long managerId, String managerName) implements Serializable {
}
