def migrate(cr, version):
    """Score lines now hold the whole attendance tally payroll reads (issue #14):
    fill the new sick days and leave days per type of the existing lines from the
    daily results they were computed from. No figure changes; closed months keep
    exactly the counts their TPP was paid on."""
    if not version:
        return
    cr.execute(
        """
        WITH counted AS (
            SELECT l.id, count(*) FILTER (WHERE d.status = 'sick') AS sick
              FROM kilap_score_line l
              JOIN kilap_score_period p ON p.id = l.period_id
              JOIN kilap_attendance_day d
                ON d.employee_id = l.employee_id
               AND d.date BETWEEN p.date_from AND p.date_to
             GROUP BY l.id
        )
        UPDATE kilap_score_line l
           SET sick_days = counted.sick
          FROM counted
         WHERE counted.id = l.id
        """
    )
    cr.execute(
        """
        WITH per_type AS (
            SELECT l.id, d.leave_type_id, count(*) AS days
              FROM kilap_score_line l
              JOIN kilap_score_period p ON p.id = l.period_id
              JOIN kilap_attendance_day d
                ON d.employee_id = l.employee_id
               AND d.date BETWEEN p.date_from AND p.date_to
               AND d.status = 'leave'
               AND d.leave_type_id IS NOT NULL
             GROUP BY l.id, d.leave_type_id
        )
        UPDATE kilap_score_line l
           SET leave_type_days = agg.days
          FROM (
              SELECT id, jsonb_object_agg(leave_type_id::text, days) AS days
                FROM per_type
               GROUP BY id
          ) AS agg
         WHERE agg.id = l.id
        """
    )
