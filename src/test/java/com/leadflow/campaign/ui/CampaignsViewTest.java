package com.leadflow.campaign.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.campaign.CampaignChannel;
import com.leadflow.campaign.CampaignSummary;
import com.leadflow.contact.ContactFixtures;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignsViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;

    private final String name = "Campaign " + ContactFixtures.marker();

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM campaign WHERE name = ?", name);
    }

    @SuppressWarnings("unchecked")
    private void fillAndSave(String campaignName, String cost, String starts, String ends) {
        _click(_get(Button.class, spec -> spec.withId("new-campaign")));
        _setValue(_get(TextField.class, spec -> spec.withId("campaign-name")), campaignName);
        _setValue(_get(Select.class, spec -> spec.withId("campaign-channel")), CampaignChannel.EVENT);
        _setValue(_get(DatePicker.class, spec -> spec.withId("campaign-starts")), LocalDate.parse(starts));
        _setValue(_get(DatePicker.class, spec -> spec.withId("campaign-ends")), ends == null ? null : LocalDate.parse(ends));
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("campaign-cost")), new BigDecimal(cost));
        _click(_get(Button.class, spec -> spec.withId("campaign-save")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void marketingAddsACampaignThroughTheDialog() {
        login("maria");
        UI.getCurrent().navigate("campaigns");
        fillAndSave(name, "4200", "2025-05-01", "2025-05-03");

        NotificationsKt.expectNotifications("Campaign “" + name + "” saved.");
        assertThat(_find(com.vaadin.flow.component.dialog.Dialog.class)).isEmpty();
        Grid<CampaignSummary> grid = _get(Grid.class, spec -> spec.withId("campaigns-grid"));
        CampaignSummary saved = _fetch(grid, 0, 500).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        assertThat(saved.channel()).isEqualTo(CampaignChannel.EVENT);
        assertThat(saved.cost()).isEqualByComparingTo("4200");
    }

    @Test
    void aRefusedSaveKeepsTheDialogOpenAndSaysWhy() {
        login("admin");
        UI.getCurrent().navigate("campaigns");
        fillAndSave(name, "100", "2025-05-03", "2025-05-01");

        NotificationsKt.expectNotifications("The campaign cannot end before it starts.");
        assertThat(_find(com.vaadin.flow.component.dialog.Dialog.class)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE name = ?", Long.class, name)).isZero();
    }

    @Test
    void executiveReadsButCannotAdd() {
        login("erik");
        UI.getCurrent().navigate("campaigns");
        assertThat(_find(Button.class, spec -> spec.withId("new-campaign"))).isEmpty(); // hidden
        assertThat(_find(Grid.class, spec -> spec.withId("campaigns-grid"))).hasSize(1);
    }

    @Test
    void salesCannotOpenCampaigns() {
        login("sam");
        assertThatThrownBy(() -> UI.getCurrent().navigate("campaigns")).hasMessageContaining("Access is denied");
    }
}
