package com.leadflow.segment;

import com.leadflow.rules.Rule;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The editable copy of a segment. */
public class SegmentForm {

    private Long id;
    private Long version;
    private String systemKey;

    @NotBlank(message = "{validation.required}")
    @Size(max = 120, message = "{validation.tooLong}")
    private String name = "";

    @Size(max = 1000, message = "{validation.tooLong}")
    private String description;

    @NotNull(message = "{validation.required}")
    private Rule rule;

    private boolean noCorrespondence;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getSystemKey() { return systemKey; }
    public void setSystemKey(String systemKey) { this.systemKey = systemKey; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Rule getRule() { return rule; }
    public void setRule(Rule rule) { this.rule = rule; }
    public boolean isNoCorrespondence() { return noCorrespondence; }
    public void setNoCorrespondence(boolean noCorrespondence) { this.noCorrespondence = noCorrespondence; }
}
