package com.leadflow.campaign;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A campaign as lists and pickers show it, with how many contacts name it as their first touch. */
public record CampaignSummary(long id, String name, CampaignChannel channel, LocalDate startsOn, LocalDate endsOn,
                              BigDecimal cost, long version, long leads) implements Serializable {
}
