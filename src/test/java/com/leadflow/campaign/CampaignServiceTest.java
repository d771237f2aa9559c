package com.leadflow.campaign;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignServiceTest extends AbstractIntegrationTest {

    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcTemplate jdbc;

    private final String name = "Campaign " + ContactFixtures.marker();

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM contact WHERE first_touch_campaign LIKE ?", name + "%");
        jdbc.update("DELETE FROM campaign WHERE name LIKE ?", name + "%");
        clearAuthentication();
    }

    private CampaignForm form(String campaignName) {
        CampaignForm form = new CampaignForm();
        form.setName(campaignName);
        form.setChannel(CampaignChannel.PAID_SEARCH);
        form.setStartsOn(LocalDate.parse("2025-03-01"));
        form.setEndsOn(LocalDate.parse("2025-03-31"));
        form.setCost(new BigDecimal("10000.00"));
        return form;
    }

    private void linkContact(String campaignName) {
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, first_touch_campaign, created_at, updated_at)
                VALUES ('Linked', 'Lead', ?, NOW(6), NOW(6))""", campaignName);
    }

    @Test
    void marketingCreatesAndEditsACampaign() {
        authenticate("maria");
        CampaignSummary created = campaigns.save(form("  " + name + "  "));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.cost()).isEqualByComparingTo("10000");
        linkContact(name);

        CampaignForm edit = CampaignForm.of(campaigns.find(created.id()).orElseThrow());
        edit.setCost(new BigDecimal("12500.50"));
        edit.setEndsOn(null);
        CampaignSummary saved = campaigns.save(edit);
        assertThat(saved.cost()).isEqualByComparingTo("12500.50");
        assertThat(saved.endsOn()).isNull();
        assertThat(saved.leads()).isEqualTo(1);
        assertThat(saved.version()).isEqualTo(created.version() + 1);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        authenticate("admin");
        CampaignForm noName = form(" ");
        assertThatThrownBy(() -> campaigns.save(noName)).hasMessage("metrics.campaign.nameInvalid");
        CampaignForm reversed = form(name);
        reversed.setEndsOn(LocalDate.parse("2025-02-01"));
        assertThatThrownBy(() -> campaigns.save(reversed)).hasMessage("metrics.campaign.endBeforeStart");
        CampaignForm negative = form(name);
        negative.setCost(new BigDecimal("-1"));
        assertThatThrownBy(() -> campaigns.save(negative)).hasMessage("metrics.campaign.costInvalid");
        CampaignForm fractions = form(name);
        fractions.setCost(new BigDecimal("1.005"));
        assertThatThrownBy(() -> campaigns.save(fractions)).hasMessage("metrics.campaign.costInvalid");
        CampaignForm noStart = form(name);
        noStart.setStartsOn(null);
        assertThatThrownBy(() -> campaigns.save(noStart)).hasMessage("metrics.campaign.startRequired");

        campaigns.save(form(name));
        assertThatThrownBy(() -> campaigns.save(form(name.toUpperCase())))
                .isInstanceOf(ValidationFailedException.class).hasMessage("metrics.campaign.nameTaken");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE name = ?", Long.class, name)).isEqualTo(1);
    }

    @Test
    void aStaleEditIsRefused() {
        authenticate("maria");
        CampaignSummary created = campaigns.save(form(name));
        CampaignForm first = CampaignForm.of(created);
        CampaignForm second = CampaignForm.of(created);
        first.setCost(BigDecimal.ONE);
        campaigns.save(first);
        second.setCost(BigDecimal.TEN);
        assertThatThrownBy(() -> campaigns.save(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(campaigns.find(created.id()).orElseThrow().cost()).isEqualByComparingTo("1");
    }

    @Test
    void theNameLinksContactsSoItCannotChangeOnceUsed() {
        authenticate("maria");
        CampaignSummary created = campaigns.save(form(name));
        linkContact(name);
        CampaignForm rename = CampaignForm.of(created);
        rename.setName(name + " renamed");
        assertThatThrownBy(() -> campaigns.save(rename)).hasMessage("metrics.campaign.renameLinked");
        // a change of letter case keeps the link (the collation ignores case)
        CampaignForm recase = CampaignForm.of(created);
        recase.setName(name.toLowerCase());
        assertThat(campaigns.save(recase).name()).isEqualTo(name.toLowerCase());
    }

    @Test
    void onlyMarketingAndAdminEditAndSalesSeeNamesOnly() {
        authenticate("admin");
        CampaignSummary created = campaigns.save(form(name));
        authenticate("erik");
        assertThat(campaigns.list()).extracting(CampaignSummary::name).contains(name);
        assertThatThrownBy(() -> campaigns.save(form(name + "x"))).isInstanceOf(AuthorizationDeniedException.class);
        authenticate("sam");
        assertThatThrownBy(() -> campaigns.list()).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> campaigns.delete(created.id())).isInstanceOf(AuthorizationDeniedException.class);
        assertThat(campaigns.names()).contains(name);
    }

    @Test
    void deletingKeepsTheContactsFirstTouch() {
        authenticate("maria");
        CampaignSummary created = campaigns.save(form(name));
        linkContact(name);
        campaigns.delete(created.id());
        assertThat(campaigns.find(created.id())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE first_touch_campaign = ?", Long.class, name))
                .isEqualTo(1);
    }
}
