"""Selfie at check-in and one phone per person (docs/security.md).

Over the real JSON routes (HttpCase), as the demo roles over JSON-RPC, and in
headless Chromium with a stubbed front camera and two browser profiles.
"""

import base64
import hashlib
import io
import random
from datetime import datetime, timedelta

import pytz
from PIL import Image

from odoo import fields
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase, data_file

from .common import KWANDANG
from .test_phone import PhoneCase

KEY_A = "a" * 24 + "-phone-one"
KEY_B = "b" * 24 + "-phone-two"
OFFICE = (0.8400, 122.9000)


def jpeg(width=320, height=240, quality=80, noise=False):
    """Base64 of a real JPEG; ``noise`` makes it large (it does not compress)."""
    image = Image.new("RGB", (width, height), (200, 120, 40))
    if noise:
        rng = random.Random(7)
        image.putdata(
            [
                (rng.randrange(256), rng.randrange(256), rng.randrange(256))
                for _ in range(width * height)
            ]
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return base64.b64encode(out.getvalue()).decode()


def gif():
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 0, 255)).save(out, "GIF")
    return base64.b64encode(out.getvalue()).decode()


class SelfieCase(PhoneCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # attendances are moved a few minutes back: no closed month in the way
        if "kilap.score.period" in cls.env:
            cls.env["kilap.score.period"].search(
                [("state", "=", "closed")]
            )._kilap_transition({"state": "open"})

    def check(self, **params):
        result = self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {"latitude": KWANDANG[0], "longitude": KWANDANG[1], "accuracy": 8} | params,
        )
        self.env.invalidate_all()
        if result.get("state") == "checked_out":
            self.push_back()
        return result

    def push_back(self):
        """Move the closed attendances a minute back: the route stamps each check
        at the current second, and Odoo finds the last one by its check-in."""
        employees = self.phone_employee | self.portal_employee
        for att in self.env["hr.attendance"].search(
            [("employee_id", "in", employees.ids), ("check_out", "!=", False)],
            order="check_in, id",
        ):
            att.write(
                {
                    "check_in": att.check_in - timedelta(minutes=1),
                    "check_out": att.check_out - timedelta(minutes=1),
                }
            )
        self.env.flush_all()

    def devices(self, employee):
        return (
            self.env["kilap.attendance.device"]
            .with_context(active_test=False)
            .search([("employee_id", "=", employee.id)])
        )

    @staticmethod
    def sync_item(uuid, device_time, **vals):
        return {
            "uuid": uuid,
            "kind": "in",
            "device_time": device_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "latitude": KWANDANG[0],
            "longitude": KWANDANG[1],
            "accuracy": 10,
        } | vals


@tagged("post_install", "-at_install")
class TestSelfieRoutes(SelfieCase):
    def test_required_selfie(self):
        self.company.kilap_selfie_mode = "required"
        self.authenticate("phone_pegawai", "phone_pegawai")
        result = self.check(device_key=KEY_A)
        self.assertFalse(result["ok"])
        self.assertIn("selfie", result["message"])
        self.assertFalse(self.attendances(self.phone_employee))
        self.assertFalse(self.devices(self.phone_employee), "nothing registered")
        photo = jpeg()
        result = self.check(device_key=KEY_A, selfie=photo)
        self.assertTrue(result["ok"], result)
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(attendance.in_kilap_selfie, photo.encode())
        self.assertFalse(attendance.out_kilap_selfie)
        # the check-out needs its own selfie
        result = self.check(device_key=KEY_A)
        self.assertFalse(result["ok"])
        self.assertFalse(attendance.check_out)
        out_photo = jpeg(200, 200)
        result = self.check(device_key=KEY_A, selfie=out_photo)
        self.assertTrue(result["ok"], result)
        self.assertTrue(attendance.check_out)
        self.assertEqual(attendance.out_kilap_selfie, out_photo.encode())
        # kept as an attachment, as the field says
        self.assertTrue(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "hr.attendance"),
                    ("res_id", "=", attendance.id),
                    ("res_field", "=", "in_kilap_selfie"),
                ]
            )
        )

    def test_setting_is_a_company_field(self):
        self.assertEqual(self.company.kilap_selfie_mode, "off", "off by default")
        settings = self.env["res.config.settings"].create(
            {"kilap_selfie_mode": "required"}
        )
        settings.execute()
        self.assertEqual(self.company.kilap_selfie_mode, "required")
        self.authenticate("phone_pegawai", "phone_pegawai")
        html = self.url_open("/my/kilap").text
        self.assertIn('capture="user"', html)
        self.assertEqual(self.page_state(html)["selfie"], "required")

    def test_optional_and_off(self):
        self.company.kilap_selfie_mode = "optional"
        self.authenticate("phone_pegawai", "phone_pegawai")
        self.assertTrue(self.check(device_key=KEY_A)["ok"])
        attendance = self.attendances(self.phone_employee)
        self.assertFalse(attendance.in_kilap_selfie)
        photo = jpeg()
        self.assertTrue(self.check(device_key=KEY_A, selfie=photo)["ok"])
        self.assertEqual(attendance.out_kilap_selfie, photo.encode())
        # off: a selfie sent anyway is not kept
        self.company.kilap_selfie_mode = "off"
        self.assertTrue(self.check(device_key=KEY_A, selfie=photo)["ok"])
        latest = self.attendances(self.phone_employee) - attendance
        self.assertEqual(len(latest), 1)
        self.assertFalse(latest.in_kilap_selfie)
        # the page knows the setting
        self.assertEqual(
            self.make_jsonrpc_request("/kilap/phone/state", {})["selfie"], "off"
        )

    def test_bad_selfies_refused(self):
        self.company.kilap_selfie_mode = "optional"
        self.authenticate("phone_pegawai", "phone_pegawai")
        big = jpeg(700, 700, quality=95, noise=True)
        self.assertGreater(len(base64.b64decode(big)), 100 * 1024)
        cases = {
            "too big": (big, "100"),
            "pdf": (base64.b64encode(data_file("page_as_photo.jpg")).decode(), "JPEG"),
            "gif": (gif(), "JPEG"),
            "not base64": ("%%%not base64", "JPEG"),
            "truncated jpeg": (jpeg()[:400], "JPEG"),
            "a number": (12345, "JPEG"),
        }
        for name, (selfie, words) in cases.items():
            with self.subTest(name):
                result = self.check(device_key=KEY_A, selfie=selfie)
                self.assertFalse(result["ok"], name)
                self.assertIn(words, result["message"], name)
        self.assertFalse(self.attendances(self.phone_employee))
        self.assertFalse(self.devices(self.phone_employee))
        # the limit itself: 100 KB passes, one byte more does not
        small = base64.b64decode(jpeg())
        at_limit = small + b"\0" * (100 * 1024 - len(small))
        over = base64.b64encode(at_limit + b"\0").decode()
        self.assertFalse(self.check(device_key=KEY_A, selfie=over)["ok"])
        at_limit = base64.b64encode(at_limit).decode()
        self.assertTrue(self.check(device_key=KEY_A, selfie=at_limit)["ok"])
        self.assertEqual(
            len(
                base64.b64decode(self.attendances(self.phone_employee).in_kilap_selfie)
            ),
            100 * 1024,
        )

    def test_offline_sync_carries_selfie(self):
        self.company.write({"kilap_selfie_mode": "required"})
        self.authenticate("phone_pegawai", "phone_pegawai")
        when = fields.Datetime.now() - timedelta(minutes=2)
        photo = jpeg()
        result = self.make_jsonrpc_request(
            "/kilap/attendance/sync",
            {
                "items": [
                    self.sync_item("selfie-sync-0", when, device_key=KEY_A),
                    self.sync_item(
                        "selfie-sync-1",
                        when,
                        device_key=KEY_A,
                        selfie=jpeg(700, 700, 95, True),
                    ),
                    self.sync_item(
                        "selfie-sync-2", when, device_key=KEY_A, selfie=photo
                    ),
                ]
            },
        )
        statuses = [r["status"] for r in result["results"]]
        self.assertEqual(statuses, ["refused", "refused", "accepted"], result)
        self.assertIn("selfie", result["results"][0]["message"])
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(len(attendance), 1)
        self.assertEqual(attendance.in_mode, "kilap_offline")
        self.assertEqual(attendance.in_kilap_selfie, photo.encode())
        self.assertEqual(
            attendance.in_kilap_device, hashlib.sha256(KEY_A.encode()).hexdigest()
        )

    def test_systray_path_follows_the_setting(self):
        """Nobody skips a required selfie by checking in from the systray."""
        self.company.kilap_selfie_mode = "required"
        employee = self.phone_employee
        with self.assertRaisesRegex(Exception, "selfie"):
            employee.with_user(self.phone_user)._attendance_action_change(
                {
                    "mode": "systray",
                    "latitude": KWANDANG[0],
                    "longitude": KWANDANG[1],
                    "kilap_gps": True,
                }
            )
        self.assertFalse(self.attendances(employee))


@tagged("post_install", "-at_install")
class TestDeviceRoutes(SelfieCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.kilap_offline_late_min = 0

    def test_first_phone_registers_second_is_flagged(self):
        self.authenticate("phone_pegawai", "phone_pegawai")
        self.assertTrue(self.check(device_key=KEY_A)["ok"])
        device = self.devices(self.phone_employee)
        self.assertEqual(len(device), 1)
        self.assertEqual(device.key_hash, hashlib.sha256(KEY_A.encode()).hexdigest())
        self.assertNotIn(KEY_A, str(device.read()), "the key itself is not stored")
        first = self.attendances(self.phone_employee)
        self.assertEqual(first.kilap_review_state, "none")
        self.assertNotIn(KEY_A, str(first.read(["in_kilap_device"])))
        # the same phone checks out: nothing to review
        self.assertFalse(self.check(device_key=KEY_A)["flagged"])
        self.assertEqual(first.kilap_review_state, "none")
        # another phone: accepted, flagged with its reason
        result = self.check(device_key=KEY_B)
        self.assertTrue(result["ok"], result)
        self.assertTrue(result["flagged"])
        second = self.attendances(self.phone_employee) - first
        self.assertEqual(second.kilap_review_state, "to_review")
        self.assertIn("device_new", second.kilap_flags)
        self.assertIn("registered", second.kilap_flag_reasons)
        self.assertEqual(len(self.devices(self.phone_employee)), 1)
        # its check-out from the same other phone is flagged too
        self.check(device_key=KEY_B)
        self.assertTrue(second.check_out)
        self.assertEqual(second.kilap_review_state, "to_review")
        # no key, or a malformed one, counts as another phone
        for key in (None, "short", "x" * 200, ["list"]):
            with self.subTest(key=key):
                result = self.check(device_key=key)
                self.assertTrue(result["ok"], result)
                self.assertTrue(result["flagged"])
                self.check(device_key=key)
        # Admin OPD resets the phone: the next one registers
        device.with_user(self.users["admin"]).action_kilap_reset()
        self.assertFalse(device.active)
        self.assertEqual(device.reset_by_id, self.users["admin"])
        result = self.check(device_key=KEY_B)
        self.assertFalse(result["flagged"], result)
        self.assertEqual(
            self.devices(self.phone_employee).filtered("active").key_hash,
            hashlib.sha256(KEY_B.encode()).hexdigest(),
        )

    def test_one_phone_two_people_same_day(self):
        """Offline items with fixed device times: the local day is deterministic."""
        tz = pytz.timezone("Asia/Makassar")
        now_local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        day = now_local.date()
        if now_local.hour < 11:
            day -= timedelta(days=1)

        def at(hour, minute, on=day):
            local = tz.localize(datetime(on.year, on.month, on.day, hour, minute))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        self.authenticate("phone_pegawai", "phone_pegawai")
        result = self.make_jsonrpc_request(
            "/kilap/attendance/sync",
            {"items": [self.sync_item("dev-share-1", at(8, 0), device_key=KEY_A)]},
        )
        self.assertEqual(result["results"][0]["status"], "accepted", result)
        self.authenticate("phone_portal", "phone_portal")
        # the colleague's own phone first, then the other's phone the same day
        result = self.make_jsonrpc_request(
            "/kilap/attendance/sync",
            {
                "items": [
                    self.sync_item("dev-share-2", at(8, 5), device_key=KEY_B),
                    self.sync_item(
                        "dev-share-3", at(9, 0), kind="out", device_key=KEY_A
                    ),
                ]
            },
        )
        self.assertEqual(
            [r["status"] for r in result["results"]], ["accepted"] * 2, result
        )
        attendance = self.attendances(self.portal_employee)
        self.assertEqual(attendance.kilap_review_state, "to_review")
        self.assertEqual(
            set(attendance.kilap_flags.split(",")), {"device_new", "device_shared"}
        )
        self.assertIn("another employee", attendance.kilap_flag_reasons)
        # the day before, the same phone was nobody else's
        self.authenticate("phone_portal", "phone_portal")
        result = self.make_jsonrpc_request(
            "/kilap/attendance/sync",
            {
                "items": [
                    self.sync_item(
                        "dev-share-4",
                        at(7, 0, day + timedelta(days=1)) - timedelta(days=2),
                        device_key=KEY_B,
                    )
                ]
            },
        )
        earlier = self.env["hr.attendance"].browse(
            result["results"][0]["attendance_id"]
        )
        self.assertEqual(earlier.kilap_review_state, "none", earlier.kilap_flags)


@tagged("post_install", "-at_install")
class TestSelfieDeviceAttacks(KilapRpcCase):
    """As the demo roles over /web/dataset/call_kw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.pegawai = ref("kilap_activity.employee_demo_pegawai")
        cls.admin_opd = ref("kilap_activity.employee_demo_adminopd")
        cls.staf_setda = ref("kilap_activity.employee_demo_staf_setda")
        # in the demo Admin OPD's department (the pegawai is the atasan's)
        cls.staf_umum = ref("kilap_activity.employee_demo_staf_dinkes_umum")
        if "kilap.score.period" in cls.env:
            cls.env["kilap.score.period"].search(
                [("state", "=", "closed")]
            )._kilap_transition({"state": "open"})
        cls.photo = jpeg()
        start = fields.Datetime.now() - timedelta(days=2, hours=3)
        # trusted server code (superuser, no check-in action) stores them as given
        cls.attendance, cls.attendance_umum = (
            cls.env["hr.attendance"]
            .sudo()
            .create(
                [
                    {
                        "employee_id": employee.id,
                        "check_in": start,
                        "in_latitude": OFFICE[0],
                        "in_longitude": OFFICE[1],
                        "in_kilap_selfie": cls.photo,
                    }
                    for employee in (cls.pegawai, cls.staf_umum)
                ]
            )
        )
        Device = cls.env["kilap.attendance.device"].sudo()
        cls.devices = {
            employee: Device.create(
                {
                    "employee_id": employee.id,
                    "key_hash": hashlib.sha256(name.encode()).hexdigest(),
                    "first_seen": start,
                    "last_seen": start,
                }
            )
            for employee, name in (
                (cls.pegawai, KEY_A),
                (cls.admin_opd, KEY_B),
                (cls.staf_setda, "c" * 32),
                (cls.staf_umum, "d" * 32),
            )
        }

    def test_selfie_need_to_know(self):
        """Who reads the selfie: as the coordinates (the *Positions and photos*
        group), within the record rules; the employee themself does not."""
        for login in ("pegawai", "keuangan", "auditor"):
            self.assertRefused(
                login,
                "hr.attendance",
                "read",
                [self.attendance.ids, ["in_kilap_selfie"]],
                error=("AccessError",),
            )
            fields_seen, _f = self.call_kw(
                login, "hr.attendance", "fields_get", [], {"attributes": ["type"]}
            )
            self.assertNotIn("in_kilap_selfie", fields_seen, login)
        for login, attendance in (
            ("atasan", self.attendance),
            ("adminopd", self.attendance_umum),
            ("bkpsdm", self.attendance_umum),
        ):
            result, failure = self.call_kw(
                login,
                "hr.attendance",
                "read",
                [attendance.ids, ["in_kilap_selfie"]],
            )
            self.assertFalse(failure, (login, failure))
            self.assertEqual(result[0]["in_kilap_selfie"], self.photo, login)
        # the review queue and the form show the thumbnail to those roles only
        queue = self.env.ref(
            "kilap_attendance_geo.hr_attendance_view_list_kilap_review"
        )
        for login, shown in (("adminopd", True), ("atasan", True), ("auditor", False)):
            views, failure = self.call_kw(
                login,
                "hr.attendance",
                "get_views",
                [[[queue.id, "list"], [False, "form"]]],
            )
            self.assertFalse(failure, failure)
            for kind in ("list", "form"):
                arch = views["views"][kind]["arch"]
                self.assertEqual('name="in_kilap_selfie"' in arch, shown, (login, kind))

    def test_selfie_cannot_be_written_afterwards(self):
        before = self.snapshot(self.attendance, ["in_kilap_selfie", "out_kilap_selfie"])
        other = jpeg(100, 100)
        for login, field in (
            ("pegawai", "in_kilap_selfie"),
            ("pegawai", "out_kilap_selfie"),
            ("adminopd", "in_kilap_selfie"),
            ("bkpsdm", "in_kilap_device"),
        ):
            with self.subTest(login=login, field=field):
                self.assertRefused(
                    login,
                    "hr.attendance",
                    "write",
                    [self.attendance.ids, {field: other}],
                    {"context": {"kilap_state_change": True}},
                )
        self.assertEqual(
            self.snapshot(self.attendance, ["in_kilap_selfie", "out_kilap_selfie"]),
            before,
        )
        # nor brought in by a manual entry
        count = self.env["hr.attendance"].search_count([])
        self.assertRefused(
            "adminopd",
            "hr.attendance",
            "create",
            [
                {
                    "employee_id": self.env.ref(
                        "kilap_activity.employee_demo_staf_dinkes_umum"
                    ).id,
                    "check_in": fields.Datetime.to_string(
                        fields.Datetime.now() - timedelta(days=3)
                    ),
                    "kilap_manual_reason": "Lupa presensi",
                    "in_kilap_selfie": other,
                }
            ],
        )
        self.assertEqual(self.env["hr.attendance"].search_count([]), count)

    def test_employees_cannot_register_or_reset_phones(self):
        Device = self.env["kilap.attendance.device"].with_context(active_test=False)
        count = Device.search_count([])
        own = self.devices[self.pegawai]
        before = self.snapshot(own, ["key_hash", "active", "employee_id"])
        self.assertRefused(
            "pegawai",
            "kilap.attendance.device",
            "create",
            [{"employee_id": self.pegawai.id, "key_hash": "f" * 64}],
        )
        for call in (
            ("write", [own.ids, {"key_hash": "f" * 64}]),
            ("write", [own.ids, {"active": False}]),
            ("action_kilap_reset", [own.ids]),
            ("unlink", [own.ids]),
        ):
            with self.subTest(call=call[0]):
                self.assertRefused("pegawai", "kilap.attendance.device", *call)
        self.assertEqual(Device.search_count([]), count)
        self.assertEqual(
            self.snapshot(own, ["key_hash", "active", "employee_id"]), before
        )
        # one's own registered phone is readable, the others' are not
        found, _f = self.call_kw("pegawai", "kilap.attendance.device", "search", [[]])
        self.assertEqual(found, own.ids)
        # Admin OPD: not another OPD's, not their own, nor by writing the row
        for device in (
            self.devices[self.staf_setda],
            self.devices[self.admin_opd],
            own,
        ):
            self.assertRefused(
                "adminopd",
                "kilap.attendance.device",
                "action_kilap_reset",
                [device.ids],
            )
            self.assertTrue(device.active)
        self.assertRefused(
            "adminopd",
            "kilap.attendance.device",
            "write",
            [self.devices[self.staf_umum].ids, {"employee_id": self.admin_opd.id}],
        )
        # within their OPD: allowed, recorded in the chatter
        umum = self.devices[self.staf_umum]
        _r, failure = self.call_kw(
            "adminopd", "kilap.attendance.device", "action_kilap_reset", [umum.ids]
        )
        self.assertFalse(failure, failure)
        self.assertFalse(umum.active)
        self.assertEqual(umum.reset_by_id.login, "adminopd")
        self.assertIn("adminopd", umum.message_ids.author_id.user_ids.mapped("login"))
        self.assertRefused(
            "adminopd", "kilap.attendance.device", "action_kilap_reset", [umum.ids]
        )
        # the employee's form leads Admin OPD to the phone
        action, failure = self.call_kw(
            "adminopd", "hr.employee", "action_kilap_open_devices", [self.staf_umum.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(action["res_model"], "kilap.attendance.device")
        # BKPSDM everywhere
        setda = self.devices[self.staf_setda]
        _r, failure = self.call_kw(
            "bkpsdm", "kilap.attendance.device", "action_kilap_reset", [setda.ids]
        )
        self.assertFalse(failure, failure)
        self.assertFalse(setda.active)


@tagged("post_install", "-at_install")
class TestSelfieDeviceBrowser(SelfieCase):
    """The page in headless Chromium: a stubbed front camera, two profiles."""

    browser_size = "390x844"

    # the "camera": a 1200 x 1600 noisy canvas photo handed to the file input
    CAMERA = """
        const stubCamera = (mode) => {
            const input = $("k-selfie");
            if (input.getAttribute("capture") !== "user") { throw new Error("front camera"); }
            input.click = () => setTimeout(async () => {
                if (mode === "cancel") {
                    input.dispatchEvent(new Event("cancel"));
                    return;
                }
                const canvas = document.createElement("canvas");
                canvas.width = 1200;
                canvas.height = 1600;
                const ctx = canvas.getContext("2d");
                const img = ctx.createImageData(1200, 1600);
                for (let i = 0; i < img.data.length; i++) {
                    img.data[i] = (i * 2654435761) % 251;
                }
                ctx.putImageData(img, 0, 0);
                const blob = await new Promise((r) => canvas.toBlob(r, "image/jpeg", 0.95));
                if (blob.size < 200000) { throw new Error("the test photo should be big"); }
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "selfie.jpg", {type: "image/jpeg"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change"));
            }, 10);
        };
    """  # noqa: E501

    def run_js(self, body, login="phone_pegawai"):
        from .test_phone import TestPhoneBrowser

        code = (
            TestPhoneBrowser.PRELUDE + self.CAMERA + "run(async () => {" + body + "});"
        )
        self.browser_js(
            "/my/kilap", code, ready="window.kilapPhoneReady === true", login=login
        )

    def test_check_in_with_selfie(self):
        self.company.kilap_selfie_mode = "required"
        self.run_js(
            f"""
            if ($("k-selfie-note").classList.contains("k-hidden")) {{ throw new Error("note"); }}
            setGeo({KWANDANG[0]}, {KWANDANG[1]}, 9);
            stubCamera("cancel");
            $("k-check").click();
            await wait(() => $("k-msg").classList.contains("error"), "selfie missing");
            stubCamera("photo");
            $("k-check").click();
            await wait(() => $("k-msg").classList.contains("ok"), "check-in accepted");
            await wait(() => $("k-check").classList.contains("out"), "button turns to check-out");
            """  # noqa: E501
        )
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(len(attendance), 1)
        raw = base64.b64decode(attendance.in_kilap_selfie)
        self.assertLessEqual(len(raw), 100 * 1024)
        image = Image.open(io.BytesIO(raw))
        self.assertEqual(image.format, "JPEG")
        self.assertLessEqual(max(image.size), 480)
        self.assertEqual(image.size[0] * 4, image.size[1] * 3, "proportions kept")
        self.assertEqual(attendance.kilap_review_state, "none")
        self.assertEqual(len(self.devices(self.phone_employee)), 1)

    def test_offline_selfie_queued_and_synced(self):
        self.company.kilap_selfie_mode = "required"
        self.run_js(
            f"""
            const realFetch = window.fetch;
            Object.defineProperty(navigator, "onLine", {{configurable: true, get: () => false}});
            window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
            window.dispatchEvent(new Event("offline"));
            setGeo({KWANDANG[0]}, {KWANDANG[1]}, 11);
            stubCamera("photo");
            $("k-check").click();
            await wait(() => document.getElementById("kilap-app").dataset.pending === "1", "queued");
            const [item] = await window.kilapPhone.queueAll();
            if (!item.payload.selfie || !item.payload.device_key) {{ throw new Error("selfie queued"); }}
            delete navigator.onLine;
            window.fetch = realFetch;
            window.dispatchEvent(new Event("online"));
            await wait(() => document.getElementById("kilap-app").dataset.pending === "0", "synced");
            """  # noqa: E501
        )
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(len(attendance), 1)
        self.assertTrue(attendance.in_kilap_selfie)
        self.assertTrue(attendance.in_kilap_device)

    def test_second_phone_flagged(self):
        """Two browser profiles (two Chromium runs, each its own localStorage)."""
        inside = f"setGeo({KWANDANG[0]}, {KWANDANG[1]}, 9);"
        check = """{
            const before = $("k-check").classList.contains("out");
            $("k-msg").className = "k-msg";
            $("k-check").click();
            await wait(() => $("k-msg").classList.contains("ok"), "accepted");
            await wait(() => $("k-check").classList.contains("out") !== before, "toggled");
        }"""  # noqa: E501
        # phone 1: check in and out
        self.run_js(inside + check + check)
        first = self.attendances(self.phone_employee)
        self.assertEqual(first.kilap_review_state, "none")
        # phone 2: another browser, another key
        self.run_js(
            inside
            + check
            + """
            if (!$("k-msg").textContent.includes("Admin OPD")) {
                throw new Error("the flag is announced: " + $("k-msg").textContent);
            }
            """
        )
        second = self.attendances(self.phone_employee) - first
        self.assertEqual(len(second), 1)
        self.assertEqual(second.kilap_review_state, "to_review")
        self.assertIn("device_new", second.kilap_flags)
        self.assertNotEqual(first.in_kilap_device, second.in_kilap_device)
        self.assertEqual(
            self.devices(self.phone_employee).key_hash, first.in_kilap_device
        )
