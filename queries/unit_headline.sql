-- Headline counts of one union at any level, from its loaded initiative rows.
-- Grain: one row.
-- Parameters: $unit_key (normalised name), $start, $end (submission dates, null = open),
-- $all_statuses (false: only 'hợp lệ'), $field (null = every field). The status counts ignore
-- $all_statuses so submitted vs valid can be shown side by side, so this query filters the period
-- and the field itself rather than through the shared filter (which applies the status).
-- Read from summary_units (written with the version). participants = distinct (grassroots union,
-- its parent and federation, author name) among the counted rows — from the summary's marks, or from
-- initiative_authors when a start date is set: grassroots names repeat across districts, and author
-- names across unions.
with
-- include: summary_in_period

scoped as (
    -- one branch per level; the hashes let the scan skip the other places (store/summary.py)
    select * from summary_in_period where fed_h = hash($unit_key) and federation_key = $unit_key
    union all
    select *
    from summary_in_period
    where parent_h = hash($unit_key) and parent_key = $unit_key and federation_key is distinct from $unit_key
    union all
    select *
    from summary_in_period
    where parent_h in (select hash(parent_key) from places where unit_key = $unit_key)
        and unit_key = $unit_key
        and federation_key is distinct from $unit_key
        and parent_key is distinct from $unit_key
),

counted as (
    select * from scoped where $all_statuses or status = $valid_status
),

participants as (
    select sum(new_participants) as n from counted where $start is null
    union all
    -- initiative_authors is derived when the version is written: one row per (initiative, author)
    select count(distinct participant_id) as n
    from initiative_authors
    where $start is not null
        and $unit_key in (unit_key, parent_key, federation_key)
        and submitted_on >= $start
        and ($end is null or submitted_on <= $end)
        and ($field is null or field = $field)
        and ($all_statuses or status = $valid_status)
),

final as (
    select
        (select coalesce(sum(initiatives), 0)::bigint from counted) as initiatives,
        (select coalesce(sum(initiatives), 0)::bigint from scoped) as initiatives_all_statuses,
        (select coalesce(sum(initiatives), 0)::bigint from scoped where status = $valid_status) as initiatives_valid,
        (select coalesce(sum(initiatives), 0)::bigint from scoped where status = $review_status)
            as initiatives_under_review,
        (select coalesce(sum(initiatives), 0)::bigint from scoped where status = $invalid_status)
            as initiatives_invalid,
        (select coalesce(max(n), 0)::bigint from participants) as participants,
        (select coalesce(sum(with_authors), 0)::bigint from scoped) as with_authors,
        (select coalesce(sum(with_benefit), 0)::bigint from counted) as with_benefit,
        (select sum(benefit_vnd) from counted) as benefit_total_vnd,
        (select max(benefit_max_vnd) from counted) as benefit_max_vnd,
        (select coalesce(sum(big_benefit), 0)::bigint from counted) as initiatives_benefit_ge_3e9,
        (select min(day) from counted where initiatives > 0) as first_submitted_on,
        (select max(day) from counted where initiatives > 0) as last_submitted_on
)

select * from final
