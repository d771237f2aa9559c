package com.leadflow.campaign;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the campaign dialog edits; the service validates it (bean validation would not translate the period rule). */
public class CampaignForm implements Serializable {

    private Long id;
    private Long version;
    private String name;
    private CampaignChannel channel = CampaignChannel.EMAIL;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private BigDecimal cost = BigDecimal.ZERO;

    public static CampaignForm of(CampaignSummary s) {
        CampaignForm form = new CampaignForm();
        form.id = s.id();
        form.version = s.version();
        form.name = s.name();
        form.channel = s.channel();
        form.startsOn = s.startsOn();
        form.endsOn = s.endsOn();
        form.cost = s.cost();
        return form;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public CampaignChannel getChannel() { return channel; }
    public void setChannel(CampaignChannel channel) { this.channel = channel; }
    public LocalDate getStartsOn() { return startsOn; }
    public void setStartsOn(LocalDate startsOn) { this.startsOn = startsOn; }
    public LocalDate getEndsOn() { return endsOn; }
    public void setEndsOn(LocalDate endsOn) { this.endsOn = endsOn; }
    public BigDecimal getCost() { return cost; }
    public void setCost(BigDecimal cost) { this.cost = cost; }
}
