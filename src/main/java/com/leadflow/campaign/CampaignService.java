package com.leadflow.campaign;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.CurrentUserProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Marketing campaigns and what they cost. A contact belongs to a campaign when its first-touch campaign is the
 * campaign's name, so the name is the link: it cannot change once contacts carry it.
 * MARKETING and ADMIN edit; EXECUTIVE reads; everybody may see the names (the dashboard's campaign filter).
 */
@Service
@PreAuthorize("isAuthenticated()")
public class CampaignService {

    public static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";
    public static final String CAN_READ = "hasAnyRole('ADMIN','MARKETING','EXECUTIVE')";
    static final BigDecimal MAX_COST = new BigDecimal("999999999999.99");

    private static final String SELECT = """
            SELECT k.id, k.name, k.channel, k.starts_on, k.ends_on, k.cost, k.version,
                   (SELECT COUNT(*) FROM contact c WHERE c.first_touch_campaign = k.name) AS leads
            FROM campaign k""";

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final Clock clock;

    CampaignService(JdbcTemplate jdbc, CurrentUserProvider currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreAuthorize(CAN_READ)
    @Transactional(readOnly = true)
    public List<CampaignSummary> list() {
        return jdbc.query(SELECT + " ORDER BY k.starts_on DESC, k.name", ROW);
    }

    /** Campaign names only, for filters every role may use. */
    @Transactional(readOnly = true)
    public List<String> names() {
        return jdbc.queryForList("SELECT name FROM campaign ORDER BY name", String.class);
    }

    @PreAuthorize(CAN_READ)
    @Transactional(readOnly = true)
    public Optional<CampaignSummary> find(long id) {
        return jdbc.query(SELECT + " WHERE k.id = ?", ROW, id).stream().findFirst();
    }

    public boolean canEdit() {
        return switch (currentUser.require().role()) {
            case ADMIN, MARKETING -> true;
            case SALES, EXECUTIVE -> false;
        };
    }

    /** Creates or updates a campaign; a stale version is refused rather than overwriting someone else's change. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public CampaignSummary save(CampaignForm form) {
        String name = form.getName() == null ? "" : form.getName().trim();
        validate(form, name);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        long id;
        try {
            if (form.getId() == null) {
                jdbc.update("""
                        INSERT INTO campaign (name, channel, starts_on, ends_on, cost, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", name, form.getChannel().name(),
                        Date.valueOf(form.getStartsOn()), form.getEndsOn() == null ? null : Date.valueOf(form.getEndsOn()),
                        form.getCost(), now, now);
                id = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
            } else {
                id = form.getId();
                String oldName = jdbc.query("SELECT name FROM campaign WHERE id = ? FOR UPDATE",
                        (rs, i) -> rs.getString(1), id).stream().findFirst()
                        .orElseThrow(() -> new ValidationFailedException("metrics.campaign.gone"));
                if (!oldName.equalsIgnoreCase(name) && linkedContacts(oldName) > 0) {
                    throw new ValidationFailedException("metrics.campaign.renameLinked", oldName, linkedContacts(oldName));
                }
                int updated = jdbc.update("""
                        UPDATE campaign SET name = ?, channel = ?, starts_on = ?, ends_on = ?, cost = ?,
                               version = version + 1, updated_at = ?
                        WHERE id = ? AND version = ?""", name, form.getChannel().name(),
                        Date.valueOf(form.getStartsOn()), form.getEndsOn() == null ? null : Date.valueOf(form.getEndsOn()),
                        form.getCost(), now, id, form.getVersion());
                if (updated == 0) {
                    throw new OptimisticLockingFailureException("Campaign changed meanwhile");
                }
            }
        } catch (DuplicateKeyException e) {
            throw new ValidationFailedException("metrics.campaign.nameTaken", name);
        }
        return jdbc.query(SELECT + " WHERE k.id = ?", ROW, id).getFirst();
    }

    /** Deletes the campaign and its cost; contacts keep their first-touch campaign text. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void delete(long id) {
        jdbc.update("DELETE FROM campaign WHERE id = ?", id);
    }

    private void validate(CampaignForm form, String name) {
        if (name.isEmpty() || name.length() > 150) {
            throw new ValidationFailedException("metrics.campaign.nameInvalid");
        }
        if (form.getChannel() == null) {
            throw new ValidationFailedException("metrics.campaign.channelRequired");
        }
        if (form.getStartsOn() == null) {
            throw new ValidationFailedException("metrics.campaign.startRequired");
        }
        if (form.getEndsOn() != null && form.getEndsOn().isBefore(form.getStartsOn())) {
            throw new ValidationFailedException("metrics.campaign.endBeforeStart");
        }
        BigDecimal cost = form.getCost();
        if (cost == null || cost.signum() < 0 || cost.compareTo(MAX_COST) > 0 || cost.stripTrailingZeros().scale() > 2) {
            throw new ValidationFailedException("metrics.campaign.costInvalid");
        }
        Long clash = jdbc.query("SELECT id FROM campaign WHERE name = ?", (rs, i) -> rs.getLong(1), name)
                .stream().findFirst().orElse(null);
        if (clash != null && !clash.equals(form.getId())) {
            throw new ValidationFailedException("metrics.campaign.nameTaken", name);
        }
    }

    private long linkedContacts(String name) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE first_touch_campaign = ?", Long.class, name);
    }

    private static final RowMapper<CampaignSummary> ROW = (rs, i) -> {
        Date ends = rs.getDate("ends_on");
        return new CampaignSummary(rs.getLong("id"), rs.getString("name"),
                CampaignChannel.valueOf(rs.getString("channel")), rs.getDate("starts_on").toLocalDate(),
                ends == null ? null : ends.toLocalDate(), rs.getBigDecimal("cost"), rs.getLong("version"),
                rs.getLong("leads"));
    };
}
