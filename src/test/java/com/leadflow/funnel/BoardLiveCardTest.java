package com.leadflow.funnel;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.ContactFilter.OwnerScope;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.Temperature;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card a board shows after a live event: read once per event for every open board, filtered in memory by each
 * board. It must be exactly the card the board's own query would give.
 */
class BoardLiveCardTest extends AbstractIntegrationTest {

    @Autowired
    BoardService board;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> created = new ArrayList<>();
    private final String marker = ContactFixtures.marker();

    @AfterEach
    void cleanUp() {
        clearAuthentication();
        created.forEach(id -> jdbc.update("DELETE FROM contact WHERE id = ?", id));
    }

    private long create(String ownerUsername, String stage, Temperature temperature, FirstTouchSource source) {
        ContactForm form = ContactFixtures.contact("Live", "Card" + created.size(), marker);
        if (ownerUsername != null) {
            LeadflowUserDetails owner = (LeadflowUserDetails) userDetailsService.loadUserByUsername(ownerUsername);
            form.setOwnerId(owner.user().id());
            form.setTeamId(owner.user().teamId());
        }
        form.setFunnelStage(stage);
        long id = as("admin", () -> contacts.create(form)).getId();
        created.add(id);
        jdbc.update("UPDATE contact SET temperature = ?, first_touch_source = ? WHERE id = ?", temperature.name(),
                source == null ? null : source.name(), id);
        return id;
    }

    @Test
    void theSharedCardIsTheCardEachBoardsQueryWouldGiveUnderEveryFilter() {
        long samsHot = create("sam", "INTERESTED", Temperature.HOT, FirstTouchSource.WEB_FORM);
        long petersCold = create("peter", "ACTIVE_REQUEST", Temperature.COLD, FirstTouchSource.AD);
        long nobodys = create(null, "INTERESTED", Temperature.WARM, null);
        long olgasWon = create("olga", "WON", Temperature.HOT, FirstTouchSource.AD);
        Long north = ((LeadflowUserDetails) userDetailsService.loadUserByUsername("sam")).user().teamId();
        Long south = ((LeadflowUserDetails) userDetailsService.loadUserByUsername("peter")).user().teamId();

        int compared = 0;
        int shown = 0;
        for (String viewer : List.of("sam", "maria", "erik")) {
            authenticate(viewer);
            for (OwnerScope owner : Arrays.asList(null, OwnerScope.ALL, OwnerScope.MINE, OwnerScope.MY_TEAM)) {
                for (Long team : Arrays.asList(null, north, south)) {
                    for (Temperature temperature : Arrays.asList(null, Temperature.HOT, Temperature.COLD)) {
                        for (FirstTouchSource source : Arrays.asList(null, FirstTouchSource.WEB_FORM,
                                FirstTouchSource.AD)) {
                            BoardFilter filter = new BoardFilter(owner, team, null, temperature, source, null);
                            for (long id : List.of(samsHot, petersCold, nobodys, olgasWon)) {
                                var event = new ContactChangedEvent(id, ContactChangedEvent.Kind.UPDATED);
                                var expected = board.card(filter, id);
                                assertThat(board.cardAfter(event, id, filter))
                                        .as("%s sees %d under %s", viewer, id, filter).isEqualTo(expected);
                                compared++;
                                shown += expected.isPresent() ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }
        // both outcomes were compared many times (the filters really narrow and really match)
        assertThat(shown).isGreaterThan(50).isLessThan(compared - 50);
    }

    @Test
    void oneReadPerEventSharedByEveryBoardAndANewEventReadsAgain() {
        long id = create("sam", "INTERESTED", Temperature.HOT, FirstTouchSource.WEB_FORM);
        authenticate("maria");
        var event = new ContactChangedEvent(id, ContactChangedEvent.Kind.UPDATED);
        assertThat(board.cardAfter(event, id, BoardFilter.all())).get()
                .satisfies(card -> assertThat(card.lastName()).isEqualTo("Card0"));

        jdbc.update("UPDATE contact SET last_name = 'Renamed' WHERE id = ?", id);
        // another board handling the same event shares the row read for it
        assertThat(board.cardAfter(event, id, BoardFilter.all())).get()
                .satisfies(card -> assertThat(card.lastName()).isEqualTo("Card0"));
        // the next event (the rename's) reads the contact again
        var next = new ContactChangedEvent(id, ContactChangedEvent.Kind.UPDATED);
        assertThat(board.cardAfter(next, id, BoardFilter.all())).get()
                .satisfies(card -> assertThat(card.lastName()).isEqualTo("Renamed"));
    }
}
