package com.leadflow.funnel.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.leadflow.AbstractViewTest;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.funnel.LostReasonOption;
import com.leadflow.funnel.LostReasonService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.util.Locale;
import java.util.function.Function;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunnelSettingsViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FunnelStageService stages;
    @Autowired
    LostReasonService reasons;

    @AfterEach
    void removeTestRows() {
        jdbc.update("DELETE FROM funnel_stage_history WHERE to_stage = 'PILOT'");
        jdbc.update("DELETE FROM funnel_stage WHERE code = 'PILOT'");
        jdbc.update("UPDATE funnel_stage SET position = 80 WHERE code = 'WON'");
        jdbc.update("UPDATE funnel_stage SET position = 90 WHERE code = 'LOST'");
        jdbc.update("UPDATE funnel_stage SET position = 70 WHERE code = 'DELIVERED'");
        jdbc.update("DELETE FROM lost_reason WHERE code = 'MERGER'");
        jdbc.update("UPDATE lost_reason SET active = TRUE WHERE code = 'NO_RESPONSE'");
    }

    /** A button in the actions cell of the grid row whose item has the code. */
    @SuppressWarnings("unchecked")
    private <T> Button action(String gridId, Function<T, String> code, String codeValue, String buttonId) {
        return _get(actionCell(gridId, code, codeValue), Button.class, spec -> spec.withId(buttonId));
    }

    @SuppressWarnings("unchecked")
    private <T> Component actionCell(String gridId, Function<T, String> code, String codeValue) {
        Grid<T> grid = _get(Grid.class, spec -> spec.withId(gridId));
        for (int row = 0; row < GridKt._size(grid); row++) {
            if (code.apply(GridKt._get(grid, row)).equals(codeValue)) {
                return GridKt._getCellComponent(grid, row, "actions");
            }
        }
        throw new AssertionError("no row " + codeValue);
    }

    private Button stageAction(String code, String buttonId) {
        return action("stage-grid", FunnelStage::code, code, buttonId);
    }

    private void set(String id, String value) {
        _setValue(_get(TextField.class, spec -> spec.withId(id)), value);
    }

    @Test
    void marketingAddsAStageThatTheBoardShowsInBothLanguages() {
        login("maria");
        UI.getCurrent().navigate("funnel-settings");
        _click(_get(Button.class, spec -> spec.withId("add-stage")));
        set("stage-code", "pilot");
        set("stage-name-en", "Pilot running");
        _click(_get(Button.class, spec -> spec.withId("stage-save")));
        NotificationsKt.expectNotifications("A stage needs a name in English and in Russian.");
        set("stage-name-ru", "Идёт пилот");
        _setValue(_get(IntegerField.class, spec -> spec.withId("stage-probability")), 50);
        set("stage-color", "#123abc");
        _click(_get(Button.class, spec -> spec.withId("stage-save")));

        assertThat(stages.find("PILOT")).hasValueSatisfying(s -> {
            assertThat(s.terminal()).isFalse();
            assertThat(s.winProbability()).isEqualTo(50);
            assertThat(s.name(Locale.of("ru"))).isEqualTo("Идёт пилот");
        });
        // a new stage goes after the last open stage, before Won and Lost
        assertThat(stages.stages().stream().map(FunnelStage::code).toList())
                .containsSubsequence("DELIVERED", "PILOT", "WON", "LOST");

        UI.getCurrent().navigate("board");
        assertThat(_get(BoardColumn.class, spec -> spec.withId("column-PILOT")).stage().nameEn())
                .isEqualTo("Pilot running");

        UI.getCurrent().navigate("funnel-settings");
        _click(stageAction("PILOT", "up-PILOT"));
        assertThat(stages.stages().stream().map(FunnelStage::code).toList())
                .containsSubsequence("PAYMENT_RECEIVED", "PILOT", "DELIVERED");
        _click(stageAction("PILOT", "down-PILOT"));
        _click(stageAction("PILOT", "delete-stage-PILOT"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(stages.find("PILOT")).isEmpty();
    }

    @Test
    void wonAndLostCannotBeRemovedAndAStageWithHistoryNeither() {
        login("admin");
        UI.getCurrent().navigate("funnel-settings");
        assertThat(_find(actionCell("stage-grid", FunnelStage::code, "LOST"), Button.class,
                spec -> spec.withId("delete-stage-LOST"))).isEmpty();
        assertThat(_find(actionCell("stage-grid", FunnelStage::code, "WON"), Button.class,
                spec -> spec.withId("delete-stage-WON"))).isEmpty();
        assertThat(stageAction("INTERESTED", "delete-stage-INTERESTED").isVisible()).isTrue();
        authenticate("admin");
        assertThatThrownBy(() -> stages.delete("LOST")).hasMessage("board.stage.systemStage");

        jdbc.update("INSERT INTO funnel_stage (code, position, name_en, name_ru) VALUES ('PILOT', 75, 'P', 'П')");
        jdbc.update("INSERT INTO contact (first_name, last_name, created_at, updated_at) VALUES ('H', 'H', NOW(), NOW())");
        long contactId = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
        try {
            jdbc.update("INSERT INTO funnel_stage_history (contact_id, to_stage, changed_at) VALUES (?, 'PILOT', NOW())",
                    contactId);
            assertThatThrownBy(() -> stages.delete("PILOT")).hasMessage("board.stage.inUse");
        } finally {
            jdbc.update("DELETE FROM contact WHERE id = ?", contactId);
        }
    }

    @Test
    void aRetiredLostReasonIsNoLongerOfferedAndANewOneIs() {
        login("maria");
        UI.getCurrent().navigate("funnel-settings");
        _click(_get(Button.class, spec -> spec.withId("add-reason")));
        set("reason-code", "MERGER");
        set("reason-name-en", "Company merged");
        set("reason-name-ru", "Компания слилась");
        _click(_get(Button.class, spec -> spec.withId("reason-save")));
        _click(action("reason-grid", LostReasonOption::code, "NO_RESPONSE", "edit-reason-NO_RESPONSE"));
        _setValue(_get(Checkbox.class, spec -> spec.withId("reason-active")), false);
        _click(_get(Button.class, spec -> spec.withId("reason-save")));

        assertThat(reasons.active()).extracting(LostReasonOption::code).contains("MERGER")
                .doesNotContain("NO_RESPONSE");
        assertThat(reasons.all()).extracting(LostReasonOption::code).contains("NO_RESPONSE");
    }

    @Test
    void salesCannotOpenTheSettingsNorChangeStages() {
        login("sam");
        assertThatThrownBy(() -> UI.getCurrent().navigate("funnel-settings"))
                .hasMessageContaining("Access is denied");
        authenticate("sam");
        assertThatThrownBy(() -> stages.move("WON", true)).isInstanceOf(AccessDeniedException.class);
    }
}
