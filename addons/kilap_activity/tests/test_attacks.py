"""Workflow forgeries over JSON-RPC by logged-in users: journal, SKP, field duty.

Each test replays an attack as the demo role that tried it, asserts the refusal
and that the database holds what it held before (docs/security.md).
"""

import datetime
import io

from PIL import Image

from odoo import fields
from odoo.http import Request
from odoo.tests import tagged

from .common import KilapRpcCase, data_file

FORGED = {"context": {"kilap_state_change": True}}


@tagged("post_install", "-at_install")
class TestActivityAttacks(KilapRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pegawai = cls.env.ref("kilap_activity.employee_demo_pegawai")
        cls.colleague = cls.env.ref("kilap_activity.employee_demo_staf_dinkes_umum")
        cls.atasan_user = cls.env.ref("kilap_activity.user_demo_atasan")
        cls.today = cls.pegawai._kilap_today()
        cls.skp = cls.env["kilap.skp"].search(
            [("employee_id", "=", cls.pegawai.id), ("year", "=", cls.today.year)]
        )
        cls.rhk = cls.skp.rhk_ids[:1]
        Entry = cls.env["kilap.journal.entry"].with_context(tracking_disable=True)
        base = {
            "employee_id": cls.pegawai.id,
            "date": cls.today,
            "description": "Rekap data",
            "rhk_id": cls.rhk.id,
        }
        cls.draft = Entry.create(
            {**base, "name": "Draf", "time_start": 16.0, "time_end": 16.5}
        )
        cls.submitted = Entry._kilap_create_in_state(
            {
                **base,
                "name": "Diajukan",
                "time_start": 16.5,
                "time_end": 17.0,
                "state": "submitted",
            }
        )
        cls.approved = Entry._kilap_create_in_state(
            {
                **base,
                "name": "Disetujui",
                "time_start": 17.0,
                "time_end": 17.5,
                "output_qty": 1,
                "state": "approved",
                "approver_id": cls.atasan_user.id,
            }
        )

    def test_context_key_never_approves(self):
        """Attack 1: self-approval with the supervisor as approver, by context."""
        names = ["state", "approver_id", "approved_date"]
        before = self.snapshot(self.submitted | self.draft, names)
        for entry in self.submitted | self.draft:
            self.assertRefused(
                "pegawai",
                "kilap.journal.entry",
                "write",
                [entry.ids, {"state": "approved", "approver_id": self.atasan_user.id}],
                FORGED,
            )
        self.assertRefused(
            "pegawai", "kilap.journal.entry", "action_approve", [self.submitted.ids]
        )
        self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "_kilap_transition",
            [self.submitted.ids, {"state": "approved"}],
        )
        self.assertEqual(self.snapshot(self.submitted | self.draft, names), before)

    def test_approved_entry_is_frozen(self):
        """Attack 1: quantity 1 -> 99 on an approved entry, directly or by a detour
        through draft."""
        before = self.snapshot(self.approved, ["state", "output_qty"])
        self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "write",
            [self.approved.ids, {"output_qty": 99}],
            FORGED,
        )
        self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "write",
            [self.approved.ids, {"state": "draft"}],
            FORGED,
        )
        self.assertEqual(self.snapshot(self.approved, ["state", "output_qty"]), before)

    def test_new_entry_cannot_start_approved(self):
        """Attack 2: created directly as approved."""
        count = self.env["kilap.journal.entry"].search_count([])
        message = self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "create",
            [
                {
                    "name": "Palsu",
                    "description": "x",
                    "employee_id": self.pegawai.id,
                    "date": fields.Date.to_string(self.today),
                    "time_start": 18.0,
                    "time_end": 18.5,
                    "rhk_id": self.rhk.id,
                    "state": "approved",
                    "approver_id": self.atasan_user.id,
                }
            ],
        )
        self.assertIn("first state", message)
        self.assertEqual(self.env["kilap.journal.entry"].search_count([]), count)

    def test_skp_targets_cannot_be_cut(self):
        """Attack 1: targets cut from 20 to 0.1 on an approved SKP, then re-approved."""
        indicator = self.rhk.indicator_ids[:1]
        self.assertTrue(indicator and self.skp.state == "approved")
        before = self.snapshot(indicator, ["target_qty"])
        for call in (
            ("kilap.skp", "write", [self.skp.ids, {"state": "draft"}]),
            ("kilap.skp.indicator", "write", [indicator.ids, {"target_qty": 0.1}]),
            ("kilap.skp", "action_approve", [self.skp.ids]),
        ):
            self.assertRefused("pegawai", *call, FORGED)
        self.assertEqual(self.snapshot(self.skp, ["state"])[0]["state"], "approved")
        self.assertEqual(self.snapshot(indicator, ["target_qty"]), before)

    def test_field_duty_cannot_be_forged(self):
        """Attacks 1 and 2: a field duty created approved 'anywhere', or
        self-approved by context."""
        Duty = self.env["kilap.field.duty"]
        count = Duty.search_count([])
        vals = {
            "name": "SPT/PALSU",
            "employee_ids": [(6, 0, self.pegawai.ids)],
            "requester_id": self.pegawai.id,
            "date_from": fields.Date.to_string(self.today),
            "date_to": fields.Date.to_string(self.today),
            "destination": "Manado",
            "allow_anywhere": True,
            "purpose": "Jalan-jalan",
        }
        self.assertRefused(
            "pegawai", "kilap.field.duty", "create", [{**vals, "state": "approved"}]
        )
        self.assertEqual(Duty.search_count([]), count)
        duty_id, failure = self.call_kw("pegawai", "kilap.field.duty", "create", [vals])
        self.assertFalse(failure)
        duty = Duty.browse(duty_id)
        self.assertRefused(
            "pegawai",
            "kilap.field.duty",
            "write",
            [duty.ids, {"state": "approved", "approver_id": self.atasan_user.id}],
            FORGED,
        )
        self.call_kw("pegawai", "kilap.field.duty", "action_submit", [duty.ids])
        self.assertRefused("pegawai", "kilap.field.duty", "action_approve", [duty.ids])
        self.assertEqual(self.snapshot(duty, ["state"])[0]["state"], "submitted")
        # the honest path still works: the supervisor approves
        _result, failure = self.call_kw(
            "atasan", "kilap.field.duty", "action_approve", [duty.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(self.snapshot(duty, ["state"])[0]["state"], "approved")

    def test_entry_cannot_use_a_colleague_rhk_or_foreign_catalogue(self):
        """Attack 3: an entry moved onto a colleague's RHK, or a catalogue item of
        another job family."""
        foreign_rhk = self.env["kilap.skp.rhk"].search(
            [("employee_id", "=", self.colleague.id)], limit=1
        )
        self.assertTrue(foreign_rhk)
        before = self.snapshot(self.draft, ["rhk_id", "catalog_id"])
        self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "write",
            [self.draft.ids, {"rhk_id": foreign_rhk.id}],
        )
        teacher_item = self.env.ref("kilap_activity.catalog_demo_mengajar")
        message = self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "write",
            [self.draft.ids, {"catalog_id": teacher_item.id}],
        )
        self.assertIn("job family", message)
        self.assertEqual(self.snapshot(self.draft, ["rhk_id", "catalog_id"]), before)

    def test_honest_flow_unchanged(self):
        """Submit by the owner, approve by the supervisor: as before."""
        _r, failure = self.call_kw(
            "pegawai", "kilap.journal.entry", "action_submit", [self.draft.ids]
        )
        self.assertFalse(failure, failure)
        _r, failure = self.call_kw(
            "atasan", "kilap.journal.entry", "action_approve", [self.draft.ids]
        )
        self.assertFalse(failure, failure)
        got = self.snapshot(self.draft, ["state", "approver_id"])[0]
        self.assertEqual(got["state"], "approved")
        self.assertEqual(got["approver_id"][0], self.atasan_user.id)

    # ------------------------------------------------------------- uploads
    def _post_entry(self, name, filename, content, start):
        data = {
            "csrf_token": Request.csrf_token(self),
            "date": fields.Date.to_string(self.today),
            "time_start": f"{start}:00",
            "time_end": f"{start}:30",
            "name": name,
            "description": "Bukti kegiatan",
            "rhk_id": str(self.rhk.id),
        }
        return self.url_open(
            "/my/journal/new",
            data=data,
            files={"photo": (filename, content, "image/jpeg")},
            allow_redirects=True,
        )

    def test_portal_upload_policy(self):
        """Attack 9: a 20 MB file, an .exe and HTML posted as photos are refused
        with nothing stored; a real photo is kept without its GPS EXIF."""
        self.authenticate("pegawai", "pegawai")
        Entry = self.env["kilap.journal.entry"]
        Attachment = self.env["ir.attachment"].sudo()
        entries = Entry.search_count([("employee_id", "=", self.pegawai.id)])
        attachments = Attachment.search_count([])
        # 20 MB: the server refuses the request before any code of ours runs
        big = data_file("photo_gps.jpg") + b"\0" * (20 * 1024 * 1024)
        self.assertIn(
            self._post_entry("Besar", "besar.jpg", big, 17).status_code, (200, 413)
        )
        # within the request limit, over the company's upload limit
        self.pegawai.company_id.kilap_upload_max_mb = 1
        over = data_file("photo_gps.jpg") + b"\0" * (2 * 1024 * 1024)
        for n, (filename, content, expected) in enumerate(
            (
                ("besar.jpg", over, "at most 1 MB"),
                ("program.exe", data_file("program.exe"), "not allowed"),
                ("foto.jpg", data_file("page_as_photo.jpg"), "not allowed"),
                ("rusak.jpg", data_file("broken.jpg"), "could not be read"),
            )
        ):
            response = self._post_entry(f"Serangan {n}", filename, content, 18 + n)
            self.assertEqual(response.status_code, 200)
            self.assertIn(expected, response.text)
        self.assertEqual(
            Entry.search_count([("employee_id", "=", self.pegawai.id)]), entries
        )
        self.assertEqual(Attachment.search_count([]), attachments)
        # the honest photo: stored, still an image, its EXIF (GPS) gone
        self._post_entry("Foto asli", "kamera.jpg", data_file("photo_gps.jpg"), 22)
        entry = Entry.search(
            [("employee_id", "=", self.pegawai.id), ("name", "=", "Foto asli")]
        )
        self.assertEqual(len(entry.attachment_ids), 1)
        stored = entry.attachment_ids.raw
        self.assertTrue(Image.open(io.BytesIO(data_file("photo_gps.jpg"))).getexif())
        image = Image.open(io.BytesIO(stored))
        self.assertEqual(image.format, "JPEG")
        self.assertFalse(image.getexif().get_ifd(0x8825))
        self.assertNotIn(b"KILAP test phone", stored)

    # ------------------------------------------------- found by the review pass
    def test_computed_figures_cannot_be_set(self):
        """Points and minutes are computed: an owner cannot write 99,999 points
        on a draft or an approved entry."""
        before = self.snapshot(
            self.draft | self.approved, ["points", "duration_minutes"]
        )
        for entry in self.draft | self.approved:
            for vals in ({"points": 99999}, {"duration_minutes": 600}):
                self.assertRefused(
                    "pegawai", "kilap.journal.entry", "write", [entry.ids, vals]
                )
        self.assertEqual(
            self.snapshot(self.draft | self.approved, ["points", "duration_minutes"]),
            before,
        )

    def test_nobody_picks_their_own_approver(self):
        """The SKP's appraiser comes from the HR record; a field duty is
        requested by its caller."""
        accomplice = self.env.ref("kilap_activity.employee_demo_adminopd")
        self.assertRefused(
            "pegawai",
            "kilap.skp",
            "write",
            [self.skp.ids, {"penilai_id": accomplice.id}],
        )
        self.assertNotEqual(self.skp.penilai_id, accomplice)
        self.assertRefused(  # nor clear it, to fall back on another approver
            "pegawai", "kilap.skp", "write", [self.skp.ids, {"penilai_id": False}]
        )
        self.assertTrue(self.skp.penilai_id)
        count = self.env["kilap.field.duty"].search_count([])
        self.assertRefused(
            "pegawai",
            "kilap.field.duty",
            "create",
            [
                {
                    "name": "SPT/TITIP",
                    "employee_ids": [(6, 0, self.pegawai.ids)],
                    "requester_id": self.colleague.id,
                    "date_from": fields.Date.to_string(self.today),
                    "date_to": fields.Date.to_string(self.today),
                    "destination": "Manado",
                    "allow_anywhere": True,
                    "purpose": "x",
                }
            ],
        )
        self.assertEqual(self.env["kilap.field.duty"].search_count([]), count)

    def test_approved_duty_gains_no_participant(self):
        """Nobody is added to an approved field duty (its days become duty)."""
        duty = self.env["kilap.field.duty"]._kilap_create_in_state(
            {
                "name": "SPT/SAH",
                "company_id": self.pegawai.company_id.id,
                "employee_ids": [(6, 0, self.pegawai.ids)],
                "requester_id": self.pegawai.id,
                "date_from": self.today,
                "date_to": self.today,
                "destination": "Kwandang",
                "allow_anywhere": True,
                "purpose": "Rapat",
                "state": "approved",
            }
        )
        self.assertRefused(
            "pegawai",
            "kilap.field.duty",
            "write",
            [duty.ids, {"employee_ids": [(4, self.colleague.id)]}],
        )
        self.assertEqual(duty.employee_ids, self.pegawai)

    def test_import_context_key_opens_no_window(self):
        """kilap_journal_import is for server-side imports: over RPC it opens no
        window, not even for BKPSDM."""
        future = fields.Date.to_string(self.today + datetime.timedelta(days=3))
        self.assertRefused(
            "bkpsdm",
            "kilap.journal.entry",
            "create",
            [
                {
                    "name": "Masa depan",
                    "description": "x",
                    "employee_id": self.pegawai.id,
                    "date": future,
                    "time_start": 8.0,
                    "time_end": 9.0,
                    "rhk_id": self.rhk.id,
                }
            ],
            {"context": {"kilap_journal_import": True}},
        )
