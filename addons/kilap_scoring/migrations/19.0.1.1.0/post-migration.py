def migrate(cr, version):
    """Score lines now hold the whole attendance tally that payroll reads (it no
    longer counts the daily results itself): recount every tally column of the
    existing lines from the daily results, as the TPP sheets were computed from
    them (the days of a closed month are frozen), and fill the new sick days and
    leave days per type. Same counts as kilap.attendance.day._kilap_tally."""
    if not version:
        return
    cr.execute(
        """
        WITH tally AS (
            SELECT l.id,
                   count(*) AS days,
                   count(*) FILTER (WHERE d.status = 'holiday') AS holiday,
                   count(*) FILTER (WHERE d.status = 'present') AS present,
                   count(*) FILTER (WHERE d.status = 'absent') AS absent,
                   count(*) FILTER (WHERE d.status IN ('leave', 'sick')) AS leave,
                   count(*) FILTER (WHERE d.status = 'sick') AS sick,
                   count(*) FILTER (WHERE d.status = 'field_duty') AS field_duty,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND tl.code = 'TL1') AS tl1,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND tl.code = 'TL2') AS tl2,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND tl.code = 'TL3') AS tl3,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND tl.code = 'TL4') AS tl4,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND psw.code = 'PSW1') AS psw1,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND psw.code = 'PSW2') AS psw2,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND psw.code = 'PSW3') AS psw3,
                   count(*) FILTER (WHERE d.status IN ('present', 'field_duty')
                                      AND psw.code = 'PSW4') AS psw4
              FROM kilap_score_line l
              JOIN kilap_score_period p ON p.id = l.period_id
              JOIN kilap_attendance_day d
                ON d.employee_id = l.employee_id
               AND d.date BETWEEN p.date_from AND p.date_to
              LEFT JOIN kilap_attendance_band tl ON tl.id = d.tl_band_id
              LEFT JOIN kilap_attendance_band psw ON psw.id = d.psw_band_id
             GROUP BY l.id
        )
        UPDATE kilap_score_line l
           SET working_days = t.days - t.holiday,
               present_days = t.present,
               tk_days = t.absent,
               leave_days = t.leave,
               sick_days = t.sick,
               field_duty_days = t.field_duty,
               tl1_count = t.tl1,
               tl2_count = t.tl2,
               tl3_count = t.tl3,
               tl4_count = t.tl4,
               psw1_count = t.psw1,
               psw2_count = t.psw2,
               psw3_count = t.psw3,
               psw4_count = t.psw4
          FROM tally t
         WHERE t.id = l.id
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
