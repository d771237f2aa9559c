package com.leadflow.rules;

import com.leadflow.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Java's lower-casing must be MariaDB's, character for character, or SQL and the evaluator disagree on text. */
class CaseFoldingTest extends AbstractIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void javaLowerCasesEveryCharacterExactlyAsMariaDbDoes() {
        StringBuilder all = new StringBuilder();
        for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isDefined(cp) && Character.getType(cp) != Character.SURROGATE) {
                all.appendCodePoint(cp);
            }
        }
        String text = all.toString();
        String lowered = jdbc.queryForObject("SELECT " + CaseFolding.sql("CAST(? AS CHAR CHARACTER SET utf8mb4)"),
                String.class, text);

        int[] expected = CaseFolding.fold(text).codePoints().toArray();
        int[] actual = lowered.codePoints().toArray();
        assertThat(actual.length).isEqualTo(expected.length);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                differences.add("U+%04X Java U+%04X MariaDB U+%04X".formatted(text.codePointAt(
                        text.offsetByCodePoints(0, i)), expected[i], actual[i]));
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void comparisonsCountAccentsAndTrailingSpacesLikeJava() {
        Integer same = jdbc.queryForObject("SELECT (" + CaseFolding.sql("CAST(? AS CHAR CHARACTER SET utf8mb4)")
                + " = ?) + 2 * (LOCATE(?, " + CaseFolding.sql("CAST(? AS CHAR CHARACTER SET utf8mb4)") + ") > 0)",
                Integer.class, "Résumé ", "resume", "é", "RESUME");
        assertThat(same).as("'résumé ' = 'resume' and 'resume' contains 'é' are both false").isZero();
    }
}
