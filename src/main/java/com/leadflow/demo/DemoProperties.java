package com.leadflow.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Demo mode ({@code leadflow.demo.*}): demo accounts, generated data, and the benchmark data set. */
@ConfigurationProperties(prefix = "leadflow.demo")
public class DemoProperties {

    /** Seed an empty database with demo accounts and data, and list the accounts on the login page. */
    private boolean enabled = true;
    /** How many contacts to generate into an empty database. */
    private int contacts = 5000;
    /** How many activities to generate; 0 means about ten per contact. */
    private long activities = 0;
    private long seed = 42;
    /** Stop the application once the data is generated (for the benchmark data set). */
    private boolean exitAfterGenerate = false;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getContacts() { return contacts; }
    public void setContacts(int contacts) { this.contacts = contacts; }
    public long getActivities() { return activities; }
    public void setActivities(long activities) { this.activities = activities; }
    public long getSeed() { return seed; }
    public void setSeed(long seed) { this.seed = seed; }
    public boolean isExitAfterGenerate() { return exitAfterGenerate; }
    public void setExitAfterGenerate(boolean exitAfterGenerate) { this.exitAfterGenerate = exitAfterGenerate; }

    public long effectiveActivities() {
        return activities > 0 ? activities : contacts * 10L;
    }
}
