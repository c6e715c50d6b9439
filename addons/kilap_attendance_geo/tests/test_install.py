from odoo.tests import TransactionCase, tagged


@tagged("kilap_install", "at_install", "-post_install")
class TestInstall(TransactionCase):
    def test_data_loaded(self):
        self.assertEqual(self.env.ref("kilap_attendance_geo.band_tl2").minute_from, 31)
        calendar = self.env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
        hours = sum(
            a.hour_to - a.hour_from
            for a in calendar.attendance_ids
            if a.day_period != "lunch"
        )
        self.assertAlmostEqual(hours, 37.5)
        ramadan = self.env.ref("kilap_attendance_geo.calendar_ramadan")
        hours = sum(
            a.hour_to - a.hour_from
            for a in ramadan.attendance_ids
            if a.day_period != "lunch"
        )
        self.assertAlmostEqual(hours, 32.5)
        self.assertEqual(
            self.env.ref(
                "kilap_attendance_geo.discipline_threshold_dismissal"
            ).from_days,
            28,
        )
