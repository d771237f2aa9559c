package com.leadflow.funnel;

import com.leadflow.contact.ContactFilter.OwnerScope;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.Temperature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BoardFilterTest {

    @Test
    void aFilterSurvivesTheTripThroughTheUrl() {
        BoardFilter filter = new BoardFilter(OwnerScope.MY_TEAM, 3L, 7L, Temperature.HOT, FirstTouchSource.values()[0],
                "Ivan ");
        Map<String, List<String>> parameters = filter.toParameters();
        assertThat(parameters).containsEntry("owner", List.of("my_team")).containsEntry("q", List.of("Ivan"))
                .containsEntry("temperature", List.of("hot"));
        BoardFilter back = BoardFilter.fromParameters(parameters, OwnerScope.ALL);
        assertThat(back.ownerOrAll()).isEqualTo(OwnerScope.MY_TEAM);
        assertThat(back.teamId()).isEqualTo(3L);
        assertThat(back.segmentId()).isEqualTo(7L);
        assertThat(back.temperature()).isEqualTo(Temperature.HOT);
        assertThat(back.source()).isEqualTo(FirstTouchSource.values()[0]);
        assertThat(back.searchText()).isEqualTo("Ivan");
    }

    @Test
    void malformedParametersAreIgnoredAndTheDefaultOwnerApplies() {
        BoardFilter filter = BoardFilter.fromParameters(Map.of("owner", List.of("nobody"), "team", List.of("x"),
                "temperature", List.of("boiling")), OwnerScope.MINE);
        assertThat(filter.ownerOrAll()).isEqualTo(OwnerScope.MINE);
        assertThat(filter.teamId()).isNull();
        assertThat(filter.temperature()).isNull();
        assertThat(BoardFilter.all().toParameters()).containsOnlyKeys("owner");
    }
}
