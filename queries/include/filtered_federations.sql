-- The shared filter over summary_federations (one row per federation, field, status and day), as
-- filtered_summary over summary_units.
filtered_federations as not materialized (
    select
        *,
        case
            when $field is null and $all_statuses then p_all
            when $field is null then p_valid
            when $all_statuses then p_field_all
            else p_field_valid
        end as new_participants
    from summary_federations
    where ($start is null or day >= $start)
        and ($end is null or day <= $end)
        and ($all_statuses or status = $valid_status)
        and ($field is null or field = $field)
),
