-- summary_units (store/summary.py) in the period and field, every status, with new_participants: the
-- participant marks that count people under the filters ($all_statuses included); their sum is the
-- participants only when $start is null (queries then count from initiative_authors instead).
summary_in_period as not materialized (
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
        and ($field is null or field = $field)
),
