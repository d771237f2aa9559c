package com.leadflow.contact;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: server time of the contact list's queries on the benchmark database
 * (1,000,000 contacts, see docs/benchmarks.md). Prints figures; asserts nothing. Runs only with -Dbenchmark=true:
 * <pre>./mvnw test -Dtest=ContactListBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@BenchmarkDatabase
class ContactListBenchmark {

    private static final int RUNS = 20;

    @Autowired
    ContactService contacts;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void contactListAtScale() {
        LeadflowUserDetails sam = (LeadflowUserDetails) users.loadUserByUsername("sam");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(sam, null, sam.getAuthorities()));
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        String surname = jdbc.queryForObject(
                "SELECT last_name FROM contact WHERE id = (SELECT MAX(id) DIV 2 FROM contact)", String.class);
        String prefix = surname.substring(0, Math.min(5, surname.length()));
        System.out.printf("%nContact list benchmark on %,d contacts (median and max of %d runs after 3 warm-ups)%n",
                total, RUNS);

        report("first page, unfiltered (50 rows by last activity)", () ->
                contacts.page(ContactFilter.all(), ContactSort.LAST_ACTIVITY, false, 0, 50));
        report("first page, my contacts in stage 'Interested lead'", () ->
                contacts.page(new ContactFilter(null, ContactFilter.OwnerScope.MINE, null, "INTERESTED", null, null, null),
                        ContactSort.LAST_ACTIVITY, false, 0, 50));
        report("first page, my team, lifecycle MQL", () ->
                contacts.page(new ContactFilter(null, ContactFilter.OwnerScope.MY_TEAM, LifecycleStage.MQL, null, null,
                        null, null), ContactSort.LAST_ACTIVITY, false, 0, 50));
        report("quick search '" + prefix + "' (surname prefix)", () ->
                contacts.page(ContactFilter.all().withSearch(prefix), ContactSort.LAST_ACTIVITY, false, 0, 50));
        report("quick search 'ivan' (common name prefix)", () ->
                contacts.page(ContactFilter.all().withSearch("ivan"), ContactSort.LAST_ACTIVITY, false, 0, 50));
        report("first page sorted by name", () ->
                contacts.page(ContactFilter.all(), ContactSort.NAME, true, 0, 50));
    }

    private static void report(String name, Supplier<List<ContactListItem>> query) {
        for (int i = 0; i < 3; i++) {
            query.get();
        }
        double[] millis = new double[RUNS];
        int rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            rows = query.get().size();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("  %-55s median %7.1f ms   max %7.1f ms   (%d rows)%n", name, millis[RUNS / 2],
                millis[RUNS - 1], rows);
    }
}
