"""KILAP Activity demo data builders: demo-only code, never used in production.

``demo/kilap_demo.xml`` calls ``kilap.activity.demo._kilap_demo_generate`` through a
``<function>`` tag when the add-on is installed with demo data; this file only has to
be importable for that call to find the model. The methods stay private (leading
underscore), so no RPC caller can run them.
"""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

RHK_TEMPLATES = {
    "jpt": ["Meningkatnya kinerja organisasi", "Terlaksananya reformasi birokrasi"],
    "administrator": [
        "Terlaksananya program bidang",
        "Tersusunnya laporan kinerja bidang",
    ],
    "pengawas": [
        "Terkelolanya administrasi kepegawaian",
        "Tersedianya data kepegawaian",
    ],
    "fungsional": ["Terlaksananya layanan fungsional", "Tersusunnya laporan layanan"],
    "pelaksana": ["Terkelolanya data dan dokumen", "Tersusunnya laporan bulanan"],
}
# the logins ./kilap demo prints (password = login)
DEMO_LOGINS = (
    "admin",
    "bkpsdm",
    "adminopd",
    "atasan",
    "pegawai",
    "keuangan",
    "bendahara",
    "auditor",
)
ACTIVITIES = [
    ("Rapat koordinasi", "Mengikuti rapat koordinasi dan mencatat tindak lanjut."),
    ("Pengolahan data", "Mengolah dan memeriksa data pelayanan."),
    ("Penyusunan laporan", "Menyusun laporan kegiatan harian."),
    ("Pelayanan masyarakat", "Melayani permohonan dan konsultasi masyarakat."),
]


class KilapActivityDemo(models.AbstractModel):
    """Date-relative demo data: SKPs, a few weeks of journals and field duties.

    A model of its own (no table), only so that ``demo/kilap_demo.xml`` can call
    ``_kilap_demo_generate``. The demo month is the calendar month before the install
    date, so the journals always look recent to the person trying KILAP.
    """

    _name = "kilap.activity.demo"
    _description = "KILAP Activity demo data generator"

    @api.model
    def _kilap_demo_generate(self):
        company = self.env.ref("kilap_activity.company_demo_gorut")
        if self.env["kilap.skp"].search_count([("company_id", "=", company.id)]):
            return  # already generated (module update reloads demo files)
        employees = self.env["hr.employee"].search(
            [("company_id", "=", company.id), ("nip", "!=", False)], order="id"
        )
        ref = self.env.ref
        for dept, head in (
            ("setda", "sekda"),
            ("setda_umum", "kabag_umum"),
            ("setda_kepeg", "bkpsdm"),
            ("dinkes", "kadinkes"),
            ("dinkes_sekretariat", "adminopd"),
            ("dinkes_yankes", "atasan"),
            ("disdik", "kadisdik"),
            ("disdik_sd", "kabid_sd"),
        ):
            ref(f"kilap_activity.department_demo_{dept}").manager_id = ref(
                f"kilap_activity.employee_demo_{head}"
            )
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1) - relativedelta(months=1)
        years = sorted({month_start.year, today.year})
        skps = self._kilap_demo_skps(employees, years)
        self._kilap_demo_journals(employees, skps, month_start, today)
        self._kilap_demo_field_duties(company, month_start, today)
        # BKPSDM opened a late-entry window for Dinas Kesehatan (network outage)
        self.env["kilap.journal.window"].with_context(tracking_disable=True).create(
            {
                "name": "Gangguan jaringan SIMPEG",
                "company_id": company.id,
                "department_id": ref("kilap_activity.department_demo_dinkes").id,
                "date_from": today - datetime.timedelta(days=14),
                "date_to": today - datetime.timedelta(days=8),
                "open_until": today + datetime.timedelta(days=3),
            }
        )

    @api.model
    def _kilap_demo_skps(self, employees, years):
        Skp = self.env["kilap.skp"].with_context(tracking_disable=True)
        skps = {}
        draft_employee = self.env.ref("kilap_activity.employee_demo_staf_setda")
        # Supervisors first, so subordinates can link to the RHK they support.
        depth = {}
        for employee in employees:
            level, parent = 0, employee.parent_id
            while parent:
                level, parent = level + 1, parent.parent_id
            depth[employee.id] = level
        ordered = employees.sorted(lambda e: depth[e.id])
        for year in years:
            for employee in ordered:
                names = RHK_TEMPLATES.get(employee.jabatan_type or "pelaksana")
                parent_rhk = skps.get((employee.parent_id.id, year), Skp).rhk_ids[:1]
                rhk_vals = []
                for idx, rhk_name in enumerate(names):
                    rhk_vals.append(
                        fields.Command.create(
                            {
                                "name": rhk_name,
                                "sequence": idx,
                                "kind": "main" if idx == 0 else "additional",
                                "parent_rhk_id": parent_rhk.id if idx == 0 else False,
                                "indicator_ids": [
                                    fields.Command.create(
                                        {
                                            "name": f"Jumlah keluaran: {rhk_name}",
                                            "target_qty": 12,
                                            "unit": "dokumen",
                                            "target_quality": "100%",
                                            "target_time": "12 bulan",
                                        }
                                    )
                                ],
                                "action_ids": [
                                    fields.Command.create(
                                        {
                                            "name": f"{rhk_name} (bulan {m})",
                                            "month": m,
                                            "target_qty": 20,
                                            "unit": "kegiatan",
                                        }
                                    )
                                    for m in range(1, 13)
                                ],
                            }
                        )
                    )
                skp = Skp.create(
                    {
                        "employee_id": employee.id,
                        "year": year,
                        "penilai_id": employee.parent_id.id,
                        "rhk_ids": rhk_vals,
                    }
                )
                state = "submitted" if employee == draft_employee else "approved"
                skp._kilap_transition(
                    {
                        "state": state,
                        "approver_id": employee.parent_id.user_id.id or self.env.uid,
                    }
                )
                skps[(employee.id, year)] = skp
        return skps

    @api.model
    def _kilap_demo_journals(self, employees, skps, month_start, today):
        minutes = employees._kilap_work_minutes_by_date(month_start, today)
        mengajar = self.env.ref("kilap_activity.catalog_demo_mengajar")
        office = self.env.ref("kilap_activity.journal_type_office")
        vals_list = []
        for n, employee in enumerate(employees):
            working = sorted(d for d, m in minutes[employee.id].items() if m)
            recent = [d for d in working if d < today][-3:]
            for day in working:
                if day > today:
                    continue
                skp = skps.get((employee.id, day.year))
                rhk = skp.rhk_ids if skp else self.env["kilap.skp.rhk"]
                if day == today:
                    state = "draft"
                elif day in recent:
                    state = "submitted"
                elif (day.day + n) % 11 == 0:
                    state = "rejected"
                else:
                    state = "approved"
                for slot, (start, end) in enumerate(
                    ((7.5, 10.0), (10.0, 12.0), (13.0, 15.5))
                ):
                    title, desc = ACTIVITIES[(day.day + slot + n) % len(ACTIVITIES)]
                    is_teacher = employee.job_family_id.scoring_method == "points"
                    vals = {
                        "name": title if not is_teacher else "Mengajar tatap muka",
                        "description": desc,
                        "employee_id": employee.id,
                        "date": day,
                        "time_start": start,
                        "time_end": end,
                        "rhk_id": rhk[slot % len(rhk)].id if rhk else False,
                        "journal_type_id": office.id,
                        "state": state,
                        "output_qty": 1 if not is_teacher else 3,
                        "output_uom": "kegiatan" if not is_teacher else "JP",
                        "catalog_id": mengajar.id if is_teacher else False,
                    }
                    if state == "approved":
                        vals.update(
                            approver_id=employee.parent_id.user_id.id or self.env.uid,
                            approved_date=fields.Datetime.now(),
                        )
                    if state == "rejected":
                        vals.update(
                            reject_reason="Uraian kurang jelas, lengkapi keluaran.",
                            approver_id=employee.parent_id.user_id.id or self.env.uid,
                        )
                    vals_list.append(vals)
        self.env["kilap.journal.entry"].with_context(
            tracking_disable=True, mail_create_nolog=True, kilap_journal_import=True
        )._kilap_create_in_state(vals_list)

    @api.model
    def _kilap_demo_field_duties(self, company, month_start, today):
        ref = self.env.ref
        pegawai = ref("kilap_activity.employee_demo_pegawai")
        perawat = ref("kilap_activity.employee_demo_perawat")
        atasan_user = ref("kilap_activity.user_demo_atasan")
        Duty = self.env["kilap.field.duty"].with_context(tracking_disable=True)
        start = month_start + datetime.timedelta(days=9)
        reported = Duty.create(
            {
                "name": "Supervisi imunisasi Puskesmas Atinggola",
                "company_id": company.id,
                "employee_ids": [fields.Command.set((pegawai | perawat).ids)],
                "requester_id": pegawai.id,
                "date_from": start,
                "date_to": start + datetime.timedelta(days=1),
                "destination": "Puskesmas Atinggola",
                "latitude": 0.8515,
                "longitude": 123.0027,
                "radius": 200,
                "purpose": "Supervisi pelayanan imunisasi dan validasi data.",
                "report_narrative": "<p>Supervisi selesai; 3 temuan diperbaiki.</p>",
            }
        )
        reported._kilap_transition(
            {"state": "reported", "approver_id": atasan_user.id, "report_date": start}
        )
        reported._kilap_assign_spt_number(min(month_start, today))
        upcoming = Duty.create(
            {
                "name": "Pendataan posyandu Kecamatan Tomilito",
                "company_id": company.id,
                "employee_ids": [fields.Command.set(pegawai.ids)],
                "requester_id": pegawai.id,
                "date_from": today + datetime.timedelta(days=2),
                "date_to": today + datetime.timedelta(days=3),
                "destination": "Kantor Kecamatan Tomilito",
                "allow_anywhere": True,
                "purpose": "Pendataan posyandu.",
            }
        )
        upcoming._kilap_transition({"state": "submitted"})

    @api.model
    def _kilap_demo_speak_indonesian(self):
        """The demo company and every demo login in Indonesian, when the database has
        it (``./kilap demo`` loads it): the pemda's own language first, English one
        click away in the user's preferences. A database without it is left as is."""
        if not self.env["res.lang"]._get_code("id_ID"):
            return
        company = self.env.ref("kilap_activity.company_demo_gorut")
        users = self.env["res.users"].search(
            [("login", "in", DEMO_LOGINS), ("share", "=", False)]
        )
        (company.partner_id | users.partner_id).write({"lang": "id_ID"})
