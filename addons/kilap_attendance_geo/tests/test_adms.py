"""The ADMS ("iclock") receiver over real HTTP, as a ZKTeco terminal calls it."""

from datetime import date, datetime, time, timedelta

from odoo.tests import HttpCase, tagged

from .test_attendance_import import TerminalMixin

SN = "ADMS-TEST-0001"


@tagged("post_install", "-at_install")
class TestAdms(TerminalMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("kilap_activity.employee_demo_pegawai")
        # a new employee: the demo ones have attendances on past days
        cls.pegawai = cls.env["hr.employee"].create(
            {
                "name": "Pegawai ADMS",
                "company_id": demo.company_id.id,
                "department_id": demo.department_id.id,
                "nip": "199001012015031001",
                "sex": "male",
            }
        )
        cls.location = cls.env["hr.work.location"].create(
            {
                "name": "Kantor ADMS (uji)",
                "address_id": cls.pegawai.company_id.partner_id.id,
                "kilap_tz": "Asia/Makassar",
            }
        )
        cls.opd = cls.pegawai.department_id
        cls.terminal = cls.make_terminal(
            serial_number=SN, company_id=cls.pegawai.company_id.id
        )
        # a working day well in the past, any time of the day the tests run
        cls.day = date.today() - timedelta(days=8)

    def local(self, hour, minute):
        return datetime.combine(self.day, time(hour, minute)).strftime(
            "%Y-%m-%d %H:%M:%S"
        )

    def body(self):
        nip = self.pegawai.nip
        return (
            f"{nip}\t{self.local(7, 25)}\t0\t1\t0\t0\t0\n"
            f"{nip}\t{self.local(16, 3)}\t1\t1\t0\t0\t0\n"
        )

    def push(self, body, serial=SN):
        return self.url_open(
            f"/iclock/cdata?SN={serial}&table=ATTLOG&Stamp=9999",
            data=body.encode(),
            headers={"Content-Type": "text/plain"},
        )

    def logs(self, kind):
        return (
            self.env["kilap.attendance.terminal.log"]
            .sudo()
            .search([("kind", "=", kind)])
        )

    def attendances(self):
        return (
            self.env["hr.attendance"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self.pegawai.id),
                    ("kilap_terminal_id", "!=", False),
                ]
            )
        )

    def test_handshake_and_poll(self):
        response = self.url_open(f"/iclock/cdata?SN={SN}&options=all&pushver=2.4.1")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"GET OPTION FROM: {SN}", response.text)
        self.assertIn("TimeZone=8", response.text)
        self.assertIn("Realtime=1", response.text)
        self.terminal.invalidate_recordset()
        self.assertTrue(self.terminal.last_seen)
        self.assertEqual(self.terminal.last_ip, "127.0.0.1")
        response = self.url_open(f"/iclock/getrequest?SN={SN}")
        self.assertEqual((response.status_code, response.text), (200, "OK"))

    def test_punches_accepted_once(self):
        response = self.push(self.body())
        self.assertEqual((response.status_code, response.text), (200, "OK: 2"))
        attendance = self.attendances()
        self.assertEqual(len(attendance), 1)
        self.assertEqual(attendance.in_mode, "kilap_terminal")
        self.assertEqual(attendance.out_mode, "kilap_terminal")
        self.assertEqual(attendance.kilap_terminal_id, self.terminal)
        # 07:25 WITA is 23:25 UTC the day before
        self.assertEqual(
            attendance.check_in,
            datetime.combine(self.day, time(7, 25)) - timedelta(hours=8),
        )
        punches = self.env["kilap.attendance.punch"].sudo().search([])
        self.assertEqual(len(punches), 2)
        self.assertEqual(set(punches.mapped("source")), {"adms"})
        # the terminal resends the same records: acknowledged, nothing created
        response = self.push(self.body())
        self.assertEqual(response.text, "OK: 2")
        self.assertEqual(self.env["kilap.attendance.punch"].sudo().search_count([]), 2)
        self.assertEqual(self.attendances(), attendance)

    def test_unknown_device_refused_and_logged(self):
        response = self.push(self.body(), serial="FORGED-SN")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.attendances())
        log = self.logs("unknown_device")
        self.assertEqual(log.serial_number, "FORGED-SN")
        self.assertEqual(log.ip_address, "127.0.0.1")
        # polling again within the hour adds no row
        response = self.url_open("/iclock/getrequest?SN=FORGED-SN")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(len(self.logs("unknown_device")), 1)
        # an archived terminal is unknown too
        self.terminal.active = False
        response = self.url_open(f"/iclock/cdata?SN={SN}&options=all")
        self.assertEqual(response.status_code, 404)

    def test_ip_range(self):
        self.terminal.allowed_ips = "10.99.0.0/16"
        response = self.push(self.body())
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.attendances())
        self.assertEqual(self.logs("ip_refused").terminal_id, self.terminal)
        self.terminal.allowed_ips = "10.99.0.0/16, 127.0.0.0/8"
        self.assertEqual(self.push(self.body()).text, "OK: 2")
        self.assertEqual(len(self.attendances()), 1)

    def test_unknown_user_logged(self):
        response = self.push(f"77777\t{self.local(7, 30)}\t0\t1\t0\t0\t0\n")
        self.assertEqual(response.text, "OK: 1")
        self.assertIn("77777", self.logs("refused").message)
        self.assertFalse(self.env["kilap.attendance.punch"].sudo().search([]))

    def test_other_opd_employee_refused(self):
        """A terminal of an OPD records only that OPD's employees."""
        other = self.env.ref("kilap_activity.employee_demo_staf_setda")
        self.assertNotEqual(other.department_id.kilap_opd_id, self.terminal.opd_id)
        response = self.push(f"{other.nip}\t{self.local(7, 30)}\t0\t1\t0\t0\t0\n")
        self.assertEqual(response.text, "OK: 1")
        self.assertIn(other.nip, self.logs("refused").message)
        self.assertFalse(self.env["kilap.attendance.punch"].sudo().search([]))
