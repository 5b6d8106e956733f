-- The shared filter over summary_units (store/summary.py), as filtered_initiatives over the rows.
-- new_participants: the participant marks that count people under these filters; their sum is the
-- participants only when $start is null (queries then count from filtered_authors instead).
filtered_summary as not materialized (
    select
        *,
        case
            when $field is null and $all_statuses then p_all
            when $field is null then p_valid
            when $all_statuses then p_field_all
            else p_field_valid
        end as new_participants
    from summary_units
    where ($start is null or day >= $start)
        and ($end is null or day <= $end)
        and ($all_statuses or status = $valid_status)
        and ($field is null or field = $field)
),
