"""KILAP data generator: a realistic pemda (Gorontalo Utara, WITA) at any size.

Two halves:

* a pure **plan** (no Odoo import): ``build_plan(employees, days, seed, month)`` draws,
  with ``random.Random(seed)`` only, the OPD tree, offices, positions, NIPs and every
  employee-day (on time, TL1..TL4, PSW1..PSW3, missing check-out, leave, field duty,
  TK, flagged).  Same arguments, same plan: ``plan_digest`` proves it in the tests.
* ``apply_plan(env, plan)`` writes it into a database that has the four KILAP add-ons:
  the ORM in batches for the configuration-like records (company, departments,
  offices, geofences, TPP bases, employees, SKP/RHK, leaves, field duties), and one
  multi-row INSERT per few thousand rows for the bulk tables (``hr.attendance``,
  ``kilap.journal.entry``, ``kilap.skp.action``), filling their stored computed
  columns the way the ORM would.  Trusted bulk data is exactly what
  ``hr.attendance._kilap_is_trusted`` lets a superuser import.

Run through ``./kilap generate --employees N --days D --seed S [--db NAME]``, or directly:
``python tools/kilap_generate.py -c odoo.conf -d DB --employees 100 --days 22``.
"""

import argparse
import datetime
import hashlib
import json
import random
import sys
import time

# --------------------------------------------------------------------------- pure plan

REGENCY = "Kabupaten Gorontalo Utara"
USER_PASSWORD = "kilap-gen"  # password of every generated user (login gen<seed>_<NIP>)
CENTER = (0.9212, 122.6047)  # Kwandang, the regency seat (WITA, UTC+8)
TZ = "Asia/Makassar"
OPD_NAMES = [
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kesehatan",
    "Rumah Sakit Umum Daerah Zainal Umar Sidiki",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Sosial",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi, UKM, Perindustrian dan Perdagangan",
    "Dinas Penanaman Modal dan PTSP",
    "Dinas Pertanian",
    "Dinas Kelautan dan Perikanan",
    "Dinas Lingkungan Hidup",
    "Dinas Pariwisata",
    "Dinas Pemuda dan Olahraga",
    "Dinas Tenaga Kerja dan Transmigrasi",
    "Dinas Ketahanan Pangan",
    "Dinas Perpustakaan dan Kearsipan",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Pendapatan Daerah",
    "Kecamatan Kwandang",
    "Kecamatan Anggrek",
    "Kecamatan Atinggola",
    "Kecamatan Sumalata",
    "Kecamatan Tolinggula",
    "Kecamatan Tomilito",
    "Kecamatan Gentuma Raya",
    "Kecamatan Ponelo Kepulauan",
    "Kecamatan Monano",
    "Kecamatan Biau",
]
UNIT_NAMES = [
    "Sekretariat",
    "Bidang Program dan Pelaporan",
    "Bidang Pelayanan",
    "Bidang Pembinaan",
    "Bidang Pengembangan",
    "Bidang Pengendalian",
]
FIRST_M = [
    "Abdul",
    "Ahmad",
    "Arif",
    "Budi",
    "Darwin",
    "Fadli",
    "Hendra",
    "Irfan",
    "Iwan",
    "Jefri",
    "Kasim",
    "Lukman",
    "Moh.",
    "Rahmat",
    "Rizal",
    "Salim",
    "Syamsul",
    "Yusuf",
    "Zulkifli",
    "Ramli",
    "Hamzah",
    "Idris",
    "Risno",
    "Sofyan",
]
FIRST_F = [
    "Aisyah",
    "Dewi",
    "Fitri",
    "Hasna",
    "Indah",
    "Kartini",
    "Lestari",
    "Maryam",
    "Nur",
    "Rahma",
    "Rini",
    "Siti",
    "Sri",
    "Wulan",
    "Yuliana",
    "Zainab",
    "Fatma",
    "Sarina",
    "Nining",
    "Hartati",
]
LAST = [
    "Abdullah",
    "Ali",
    "Bakari",
    "Dunggio",
    "Gobel",
    "Habibie",
    "Hasan",
    "Husain",
    "Ibrahim",
    "Kadir",
    "Katili",
    "Lamato",
    "Mohamad",
    "Mustafa",
    "Nusi",
    "Pakaya",
    "Paramata",
    "Polapa",
    "Rahim",
    "Saleh",
    "Talib",
    "Umar",
    "Yunus",
    "Wahab",
    "Daud",
]
GOLONGAN = {  # jabatan type -> golongan codes (kilap_activity.golongan_<code>)
    "jpt": ["iv_c", "iv_d"],
    "administrator": ["iv_a", "iv_b"],
    "pengawas": ["iii_c", "iii_d"],
    "fungsional": ["iii_a", "iii_b", "iii_c", "iii_d"],
    "pelaksana": ["ii_a", "ii_b", "ii_c", "ii_d", "iii_a"],
}
KELAS = {
    "jpt": (14, 14),
    "administrator": (11, 12),
    "pengawas": (9, 9),
    "fungsional": (7, 9),
    "pelaksana": (5, 7),
}
FUNGSIONAL = [
    "Analis Kebijakan",
    "Pranata Komputer",
    "Perencana",
    "Auditor",
    "Guru",
    "Perawat",
]
PELAKSANA = [
    "Pengadministrasi Umum",
    "Pengelola Data",
    "Pengolah Data",
    "Operator Layanan",
]
# day kinds and their weights for an ordinary working day
DAY_KINDS = [
    ("ontime", 700),
    ("tl1", 90),
    ("tl2", 35),
    ("tl3", 15),
    ("tl4", 10),
    ("psw1", 30),
    ("psw2", 12),
    ("psw3", 6),
    ("no_out", 20),
    ("tk", 20),
]
LATE_RANGES = {"tl1": (1, 30), "tl2": (31, 60), "tl3": (61, 90), "tl4": (91, 180)}
EARLY_RANGES = {"psw1": (1, 30), "psw2": (31, 60), "psw3": (61, 90)}
ACTIVITIES = [
    ("Rapat koordinasi", "Mengikuti rapat koordinasi dan mencatat tindak lanjut."),
    ("Pengolahan data", "Mengolah dan memeriksa data pelayanan."),
    ("Penyusunan laporan", "Menyusun laporan kegiatan harian."),
    ("Pelayanan masyarakat", "Melayani permohonan dan konsultasi masyarakat."),
    ("Verifikasi dokumen", "Memeriksa kelengkapan dokumen usulan."),
    ("Input aplikasi", "Menginput data ke aplikasi SIPD/SIMPEG."),
]
RHK_TEMPLATES = {
    "jpt": ["Meningkatnya kinerja organisasi", "Terlaksananya reformasi birokrasi"],
    "administrator": [
        "Terlaksananya program bidang",
        "Tersusunnya laporan kinerja bidang",
    ],
    "pengawas": ["Terkelolanya administrasi seksi", "Tersedianya data seksi"],
    "fungsional": ["Terlaksananya layanan fungsional", "Tersusunnya laporan layanan"],
    "pelaksana": ["Terkelolanya data dan dokumen", "Tersusunnya laporan bulanan"],
}


def make_nip(birth, tmt, gender, sequence):
    """18-digit NIP: birth YYYYMMDD, TMT CPNS YYYYMM, gender digit, 3-digit sequence."""
    return "%s%s%s%03d" % (
        birth.strftime("%Y%m%d"),
        tmt.strftime("%Y%m"),
        "1" if gender == "male" else "2",
        sequence % 1000,
    )


def working_days(month_start, count):
    """The first ``count`` Monday-Friday dates from ``month_start`` on."""
    days, day = [], month_start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _weighted(rng, pairs):
    total = sum(w for _k, w in pairs)
    pick = rng.uniform(0, total)
    for key, weight in pairs:
        pick -= weight
        if pick <= 0:
            return key
    return pairs[-1][0]


def _person(rng, index, jabatan_type, used_nips):
    gender = "male" if rng.random() < 0.52 else "female"
    first = rng.choice(FIRST_M if gender == "male" else FIRST_F)
    name = "%s %s" % (first, rng.choice(LAST))
    age = {"jpt": (48, 58), "administrator": (42, 56), "pengawas": (35, 52)}.get(
        jabatan_type, (24, 57)
    )
    birth = datetime.date(2026 - rng.randint(*age), 1, 1) + datetime.timedelta(
        days=rng.randint(0, 364)
    )
    tmt = datetime.date(
        min(birth.year + rng.randint(22, 30), 2025), rng.randint(1, 12), 1
    )
    seq = rng.randint(1, 999)
    nip = make_nip(birth, tmt, gender, seq)
    while nip in used_nips:
        seq = seq % 999 + 1
        nip = make_nip(birth, tmt, gender, seq)
    used_nips.add(nip)
    status = _weighted(rng, [("pns", 80), ("pppk", 15), ("cpns", 5)])
    if jabatan_type in ("jpt", "administrator", "pengawas"):
        status = "pns"
    golongan = rng.choice(GOLONGAN[jabatan_type])
    if status == "pppk":
        golongan = "pppk_%d" % rng.choice([5, 7, 9, 11])
    kelas = rng.randint(*KELAS[jabatan_type])
    return {
        "index": index,
        "name": name,
        "gender": gender,
        "birthday": birth.isoformat(),
        "nip": nip,
        "tmt_cpns": tmt.isoformat(),
        "asn_status": status,
        "golongan": golongan,
        "jabatan_type": jabatan_type,
        "kelas": kelas,
    }


def build_plan(employees, days, seed, month_start):
    """Everything the generator will write, drawn from ``random.Random(seed)`` only."""
    if employees < 1 or days < 1:
        raise ValueError("employees and days must be positive")
    rng = random.Random(seed)
    month_start = month_start.replace(day=1)
    n_opd = max(1, min(len(OPD_NAMES), round(employees / 125)))
    opds, units = [], []
    for o in range(n_opd):
        lat = CENTER[0] + rng.uniform(-0.04, 0.04)
        lon = CENTER[1] + rng.uniform(-0.08, 0.08)
        opds.append(
            {
                "index": o,
                "name": OPD_NAMES[o],
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "radius": rng.choice([100, 150, 150, 200]),
            }
        )
        for u in range(rng.randint(2, 4) if employees >= 40 else 1):
            units.append({"index": len(units), "opd": o, "name": UNIT_NAMES[u]})
    people, used = [], set()

    def add(jabatan_type, opd, unit, parent):
        person = _person(rng, len(people), jabatan_type, used)
        person.update(opd=opd, unit=unit, parent=parent)
        if jabatan_type == "fungsional":
            person["jabatan_name"] = rng.choice(FUNGSIONAL)
        elif jabatan_type == "pelaksana":
            person["jabatan_name"] = rng.choice(PELAKSANA)
        else:
            person["jabatan_name"] = {
                "jpt": "Kepala",
                "administrator": "Kepala Bidang",
                "pengawas": "Kepala Sub Bagian",
            }[jabatan_type]
        people.append(person)
        return person["index"]

    heads = {}
    unit_heads = {}
    for opd in opds:
        if len(people) < employees:
            heads[opd["index"]] = add("jpt", opd["index"], None, None)
    for unit in units:
        if len(people) < employees:
            unit_heads[unit["index"]] = add(
                "administrator", unit["opd"], unit["index"], heads.get(unit["opd"])
            )
    pengawas = {}
    for unit in units:
        if len(people) < employees and employees >= 200:
            pengawas[unit["index"]] = add(
                "pengawas", unit["opd"], unit["index"], unit_heads.get(unit["index"])
            )
    while len(people) < employees:
        unit = units[rng.randrange(len(units))]
        parent = pengawas.get(unit["index"]) or unit_heads.get(unit["index"])
        parent = parent if parent is not None else heads.get(unit["opd"])
        kind = "fungsional" if rng.random() < 0.45 else "pelaksana"
        add(kind, unit["opd"], unit["index"], parent)
    dates = working_days(month_start, days)
    holiday = dates[len(dates) // 2] if len(dates) >= 10 else None
    leaves, duties, events = _plan_days(rng, people, dates, holiday)
    return {
        "seed": seed,
        "employees": employees,
        "days": [d.isoformat() for d in dates],
        "month": month_start.isoformat(),
        "holiday": holiday.isoformat() if holiday else None,
        "opds": opds,
        "units": units,
        "people": people,
        "leaves": leaves,
        "duties": duties,
        "events": events,
    }


def _plan_days(rng, people, dates, holiday):
    """Leave blocks (1 %), field duties (3 %, 2-3 days), then every other day drawn."""
    leaves, duties, events = [], [], []
    for person in people:
        idx = person["index"]
        busy = set()
        if rng.random() < 0.01 and len(dates) >= 5:
            start = rng.randrange(0, len(dates) - 3)
            span = dates[start : start + rng.randint(2, 3)]
            leaves.append(
                {
                    "employee": idx,
                    "date_from": span[0].isoformat(),
                    "date_to": span[-1].isoformat(),
                    "kind": rng.choice(["annual", "sick"]),
                }
            )
            busy.update(span)
        if rng.random() < 0.03 and len(dates) >= 5:
            start = rng.randrange(0, len(dates) - 3)
            span = [
                d for d in dates[start : start + rng.randint(2, 3)] if d not in busy
            ]
            if span:
                duties.append(
                    {
                        "employee": idx,
                        "date_from": span[0].isoformat(),
                        "date_to": span[-1].isoformat(),
                    }
                )
                busy.update(span)
        for n, day in enumerate(dates):
            if day == holiday or day in busy:
                continue
            kind = _weighted(rng, DAY_KINDS)
            if kind == "tk":
                continue
            late = (
                rng.randint(*LATE_RANGES[kind])
                if kind in LATE_RANGES
                else -rng.randint(0, 25)
            )
            early = (
                rng.randint(*EARLY_RANGES[kind])
                if kind in EARLY_RANGES
                else -rng.randint(0, 40)
            )
            events.append(
                [
                    idx,
                    n,
                    late,
                    None if kind == "no_out" else early,
                    rng.random() < 0.005,  # flagged for review
                    rng.randint(5, 40),  # GPS accuracy
                    round(rng.uniform(-0.0004, 0.0004), 6),
                    round(rng.uniform(-0.0004, 0.0004), 6),
                    rng.randint(1, 3),  # journal entries that day
                ]
            )
    return leaves, duties, events


def plan_digest(plan):
    """A short fingerprint of a plan (same seed and sizes, same digest)."""
    blob = json.dumps(plan, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def kelas_base(kelas):
    """Monthly TPP base (IDR) of a kelas jabatan: (beban kerja, prestasi kerja)."""
    total = 1_250_000 + kelas * 475_000
    return round(total * 0.6, -3), round(total * 0.4, -3)


def journal_state(day_index, n_days, draw):
    """Journal state by age: recent days submitted/draft, older approved/rejected."""
    if day_index == n_days - 1:
        return "draft"
    if day_index >= n_days - 3:
        return "submitted"
    return "rejected" if draw < 0.04 else "approved"


# --------------------------------------------------------------------------- Odoo side


def _now():
    return datetime.datetime.now().replace(microsecond=0)


def bulk_insert(cr, table, columns, rows, page=5000, returning=False):
    """Multi-row INSERT in pages (one statement per ``page`` rows); ids when asked."""
    ids = []
    sql = 'INSERT INTO "%s" (%s) VALUES %%s%s' % (
        table,
        ", ".join('"%s"' % c for c in columns),
        " RETURNING id" if returning else "",
    )
    for start in range(0, len(rows), page):
        chunk = rows[start : start + page]
        res = cr.execute_values(sql, chunk, page_size=len(chunk), fetch=returning)
        if returning:
            ids.extend(r[0] for r in res)
    return ids


class Generator:
    def __init__(self, env, plan, log=print, users=200):
        self.env = env
        self.plan = plan
        self.log = log
        self.users_wanted = users
        self.timings = {}
        self.dates = [datetime.date.fromisoformat(d) for d in plan["days"]]

    def step(self, name, func):
        start, queries = time.time(), self.env.cr.sql_log_count
        result = func()
        self.env.flush_all()
        self.timings[name] = round(time.time() - start, 2)
        self.log(
            "  %-28s %7.2f s %7d queries"
            % (name, self.timings[name], self.env.cr.sql_log_count - queries)
        )
        return result

    def run(self):
        env = self.env
        self.ctx = dict(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            no_reset_password=True,
        )
        self.env = env(context=dict(env.context, **self.ctx))
        self.step("company & rules", self._company)
        self.step("OPD tree & offices", self._org)
        self.step("employees", self._employees)
        self.step("users", self._users)
        self.step("SKP, RHK, rencana aksi", self._skps)
        self.step("leave & field duty", self._absences)
        self.step("check-ins", self._attendances)
        self.step("journal entries", self._journals)
        self.env.invalidate_all()
        return self.company

    # ---------------------------------------------------------------- company
    def _company(self):
        env, plan = self.env, self.plan
        name = "Pemkab Gorontalo Utara (gen %s/%s)" % (plan["seed"], plan["employees"])
        if env["res.company"].search_count([("name", "=", name)]):
            raise SystemExit("a company %r already exists in this database" % name)
        idr = env.ref("base.IDR")
        idr.active = True
        calendar = env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
        company = env["res.company"].create(
            {
                "name": name,
                "currency_id": idr.id,
                "country_id": env.ref("base.id").id,
                "city": "Kwandang",
                "resource_calendar_id": calendar.id,
            }
        )
        env.user.company_ids = [(4, company.id)]
        self.company = company
        self.calendar = calendar
        ruleset = env.ref("kilap_payroll_bridge.ruleset_default")
        ruleset.copy(
            {
                "company_id": company.id,
                "name": ruleset.name,
                "date_from": min(ruleset.date_from, datetime.date(2020, 1, 1)),
            }
        )
        comp_bk = env.ref("kilap_payroll_bridge.component_beban_kerja")
        comp_pk = env.ref("kilap_payroll_bridge.component_prestasi_kerja")
        bases = []
        for kelas in range(1, 18):
            bk, pk = kelas_base(kelas)
            bases.append(
                {
                    "name": "Kelas %d" % kelas,
                    "company_id": company.id,
                    "kelas_jabatan": kelas,
                    "line_ids": [
                        (0, 0, {"component_id": comp_bk.id, "amount": bk}),
                        (0, 0, {"component_id": comp_pk.id, "amount": pk}),
                    ],
                }
            )
        env["kilap.tpp.base"].create(bases)
        if plan["holiday"]:
            import pytz  # noqa: PLC0415

            day = datetime.date.fromisoformat(plan["holiday"])
            tz = pytz.timezone(TZ)
            start = tz.localize(datetime.datetime.combine(day, datetime.time.min))
            env["resource.calendar.leaves"].create(
                {
                    "name": "Cuti Bersama",
                    "company_id": company.id,
                    "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                    "date_to": (start + datetime.timedelta(hours=23, minutes=59))
                    .astimezone(pytz.utc)
                    .replace(tzinfo=None),
                }
            )

    def _org(self):
        env, plan, company = self.env, self.plan, self.company
        depts = env["hr.department"].create(
            [{"name": o["name"], "company_id": company.id} for o in plan["opds"]]
        )
        self.opd_ids = depts.ids
        units = env["hr.department"].create(
            [
                {
                    "name": u["name"],
                    "company_id": company.id,
                    "parent_id": self.opd_ids[u["opd"]],
                }
                for u in plan["units"]
            ]
        )
        self.unit_ids = units.ids
        locations = env["hr.work.location"].create(
            [
                {
                    "name": "Kantor " + o["name"],
                    "company_id": company.id,
                    "address_id": company.partner_id.id,
                    "location_type": "office",
                    "kilap_tz": TZ,
                }
                for o in plan["opds"]
            ]
        )
        self.location_ids = locations.ids
        fences = env["kilap.geofence"].create(
            [
                {
                    "name": "Kantor " + o["name"],
                    "company_id": company.id,
                    "work_location_id": loc,
                    "latitude": o["lat"],
                    "longitude": o["lon"],
                    "radius": o["radius"],
                }
                for o, loc in zip(plan["opds"], self.location_ids, strict=True)
            ]
        )
        self.fence_ids = fences.ids
        first = self.dates[0]
        # the Monday apel at the regent's office: a temporary point for everybody
        env["kilap.geofence"].create(
            {
                "name": "Apel Senin - Lapangan Kantor Bupati",
                "company_id": company.id,
                "latitude": CENTER[0],
                "longitude": CENTER[1],
                "radius": 200,
                "is_temporary": True,
                "date_from": first,
                "date_to": first + datetime.timedelta(days=6),
            }
        )

    # ---------------------------------------------------------------- people
    def _employees(self):
        env, plan, company = self.env, self.plan, self.company
        golongan = {
            g.split(".")[-1]: env.ref("kilap_activity.golongan_%s" % g).id
            for g in {p["golongan"] for p in plan["people"]}
        }
        vals_list = []
        for p in plan["people"]:
            dept = (
                self.unit_ids[p["unit"]]
                if p["unit"] is not None
                else self.opd_ids[p["opd"]]
            )
            vals_list.append(
                {
                    "name": p["name"],
                    "company_id": company.id,
                    "department_id": dept,
                    "work_location_id": self.location_ids[p["opd"]],
                    "resource_calendar_id": self.calendar.id,
                    "tz": TZ,
                    "sex": p["gender"],
                    "birthday": p["birthday"],
                    "nip": p["nip"],
                    "tmt_cpns": p["tmt_cpns"],
                    "asn_status": p["asn_status"],
                    "golongan_id": golongan[p["golongan"]],
                    "jabatan_type": p["jabatan_type"],
                    "jabatan_name": p["jabatan_name"],
                    "kelas_jabatan": p["kelas"],
                    "work_email": "%s@gorutkab.go.id" % p["nip"],
                }
            )
        ids = []
        # Created by a technical user without write access to views: hr then skips
        # drawing an SVG avatar per employee (10 attachments each, the slowest part by
        # far); the avatar is drawn on the fly when shown instead.
        Employee = env["hr.employee"].with_user(self._technical_user()).sudo()
        for start in range(0, len(vals_list), 1000):
            ids.extend(Employee.create(vals_list[start : start + 1000]).ids)
        Employee = env["hr.employee"]
        self.employee_ids = ids
        # supervisors and heads: one grouped write per supervisor
        by_parent = {}
        for p in plan["people"]:
            if p["parent"] is not None:
                by_parent.setdefault(ids[p["parent"]], []).append(ids[p["index"]])
        for parent, children in by_parent.items():
            Employee.browse(children).write({"parent_id": parent})
        Dept = env["hr.department"]
        for p in plan["people"]:
            if p["jabatan_type"] == "jpt":
                Dept.browse(self.opd_ids[p["opd"]]).manager_id = ids[p["index"]]
            elif p["jabatan_type"] == "administrator" and p["unit"] is not None:
                Dept.browse(self.unit_ids[p["unit"]]).manager_id = ids[p["index"]]

    def _technical_user(self):
        env = self.env
        login = "kilap_generator"
        user = (
            env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)])
        )
        if not user:
            user = env["res.users"].create(
                {
                    "name": "KILAP generator",
                    "login": login,
                    "active": False,
                    "group_ids": [(6, 0, [env.ref("base.group_user").id])],
                }
            )
        user.company_ids = [(4, self.company.id)]
        return user.id

    def _users(self):
        """Users for every supervisor and the first staff, up to ``users`` in all."""
        env, plan = self.env, self.plan
        supervisors = {p["parent"] for p in plan["people"] if p["parent"] is not None}
        chosen = sorted(supervisors) + [
            p["index"] for p in plan["people"] if p["index"] not in supervisors
        ]
        chosen = chosen[: max(self.users_wanted, len(supervisors))]
        pegawai = env.ref("kilap_activity.group_kilap_pegawai")
        base_user = env.ref("base.group_user")
        vals_list = [
            {
                "name": plan["people"][i]["name"],
                "login": "gen%s_%s" % (plan["seed"], plan["people"][i]["nip"]),
                "company_id": self.company.id,
                "company_ids": [(6, 0, [self.company.id])],
                "group_ids": [(6, 0, [base_user.id, pegawai.id])],
            }
            for i in chosen
        ]
        users = env["res.users"].with_context(no_reset_password=True).create(vals_list)
        # one password hash for all of them (hashing 5,000 times takes an hour)
        env.flush_all()
        env.cr.execute(
            "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
            [users._crypt_context().hash(USER_PASSWORD), users.ids],
        )
        Employee = env["hr.employee"]
        for user, i in zip(users, chosen, strict=True):
            Employee.browse(self.employee_ids[i]).user_id = user.id
        self.user_by_person = dict(zip(chosen, users.ids, strict=True))

    # ---------------------------------------------------------------- SKP
    def _skps(self):
        env, plan, cr = self.env, self.plan, self.env.cr
        year = self.dates[0].year
        vals_list = []
        for p in plan["people"]:
            names = RHK_TEMPLATES[p["jabatan_type"]]
            vals_list.append(
                {
                    "employee_id": self.employee_ids[p["index"]],
                    "year": year,
                    "penilai_id": self.employee_ids[p["parent"]]
                    if p["parent"] is not None
                    else False,
                    "rhk_ids": [
                        (
                            0,
                            0,
                            {
                                "name": rhk,
                                "sequence": n,
                                "kind": "main" if n == 0 else "additional",
                                "indicator_ids": [
                                    (
                                        0,
                                        0,
                                        {
                                            "name": "Jumlah keluaran: %s" % rhk,
                                            "target_qty": 12,
                                            "unit": "dokumen",
                                            "target_quality": "100%",
                                            "target_time": "12 bulan",
                                        },
                                    )
                                ],
                            },
                        )
                        for n, rhk in enumerate(names)
                    ],
                }
            )
        Skp = env["kilap.skp"]
        skps = Skp.browse()
        for start in range(0, len(vals_list), 1000):
            skps |= Skp.create(vals_list[start : start + 1000])
        skps._kilap_transition({"state": "approved", "approver_id": env.uid})
        env.flush_all()
        cr.execute(
            "SELECT r.id, r.employee_id, r.company_id, r.name, r.sequence FROM kilap_skp_rhk r"
            " JOIN kilap_skp s ON s.id = r.skp_id WHERE s.id = ANY(%s) ORDER BY r.id",
            [skps.ids],
        )
        self.rhk_by_employee = {}
        rows, now, uid = [], _now(), env.uid
        for rhk_id, emp_id, company_id, name, _seq in cr.fetchall():
            self.rhk_by_employee.setdefault(emp_id, []).append(rhk_id)
            for month in range(1, 13):
                rows.append(
                    (
                        rhk_id,
                        emp_id,
                        company_id,
                        month,
                        uid,
                        uid,
                        now,
                        now,
                        "%s (bulan %d)" % (name, month),
                        "kegiatan",
                        20.0,
                    )
                )
        bulk_insert(
            cr,
            "kilap_skp_action",
            [
                "rhk_id",
                "employee_id",
                "company_id",
                "month",
                "create_uid",
                "write_uid",
                "create_date",
                "write_date",
                "name",
                "unit",
                "target_qty",
            ],
            rows,
        )

    def _absences(self):
        env, plan = self.env, self.plan
        company = self.company
        types = env["hr.leave.type"].search(
            [
                ("requires_allocation", "=", False),
                ("company_id", "in", (company.id, False)),
            ]
        )
        sick = types.filtered(lambda t: t.kilap_treatment == "sick")[:1] or types[:1]
        annual = (
            types.filtered(lambda t: t.kilap_treatment in (False, "leave"))[:1]
            or types[:1]
        )
        if types:
            vals_list = [
                {
                    "employee_id": self.employee_ids[lv["employee"]],
                    "holiday_status_id": (sick if lv["kind"] == "sick" else annual).id,
                    "request_date_from": lv["date_from"],
                    "request_date_to": lv["date_to"],
                    "name": "Cuti (gen)",
                }
                for lv in plan["leaves"]
            ]
            Leave = env["hr.leave"].with_context(
                leave_skip_state_check=True, leave_fast_create=True
            )
            leaves = Leave.create(vals_list)
            leaves.with_context(leave_skip_state_check=True).write(
                {"state": "validate"}
            )
        Duty = env["kilap.field.duty"]
        for start in range(0, len(plan["duties"]), 500):
            Duty._kilap_create_in_state(
                [
                    {
                        "name": "SPT/%03d/GEN/%s"
                        % (n + start, self.dates[0].strftime("%m/%Y")),
                        "company_id": company.id,
                        "employee_ids": [(6, 0, [self.employee_ids[d["employee"]]])],
                        "date_from": d["date_from"],
                        "date_to": d["date_to"],
                        "destination": "Kota Gorontalo",
                        "latitude": 0.5435,
                        "longitude": 123.0568,
                        "purpose": "Koordinasi dengan Pemerintah Provinsi",
                        "state": "approved",
                    }
                    for n, d in enumerate(plan["duties"][start : start + 500])
                ]
            )

    # ---------------------------------------------------------------- bulk rows
    def _attendances(self):
        import pytz  # noqa: PLC0415

        env, plan, cr = self.env, self.plan, self.env.cr
        tz = pytz.timezone(TZ)
        offset = {
            d: tz.utcoffset(datetime.datetime.combine(d, datetime.time(12)))
            for d in self.dates
        }
        now, uid, company_id = _now(), env.uid, self.company.id
        rows = []
        for idx, n, late, early, flagged, acc, dlat, dlon, _j in plan["events"]:
            person = plan["people"][idx]
            opd = plan["opds"][person["opd"]]
            fence = self.fence_ids[person["opd"]]
            day = self.dates[n]
            start = datetime.datetime.combine(day, datetime.time(7, 30)) - offset[day]
            check_in = start + datetime.timedelta(minutes=late, seconds=(idx * 7) % 60)
            end_h = (16, 30) if day.weekday() == 4 else (16, 0)
            check_out = None
            if early is not None:
                check_out = (
                    datetime.datetime.combine(day, datetime.time(*end_h))
                    - offset[day]
                    - datetime.timedelta(minutes=early)
                )
            worked = (
                (check_out - check_in).total_seconds() / 3600 - 1 if check_out else 0.0
            )
            lat, lon = opd["lat"] + dlat, opd["lon"] + dlon
            rows.append(
                (
                    self.employee_ids[idx],
                    uid,
                    uid,
                    now,
                    now,
                    day,
                    check_in,
                    check_out,
                    "kilap_portal",
                    "kilap_portal" if check_out else None,
                    lat,
                    lon,
                    lat if check_out else None,
                    lon if check_out else None,
                    True,
                    bool(check_out) or None,
                    float(acc),
                    fence,
                    fence if check_out else None,
                    round(abs(dlat) * 111000),
                    company_id,
                    "speed" if flagged else None,
                    "to_review" if flagged else "none",
                    480.0 if flagged else None,
                    max(worked, 0.0),
                    0.0,
                    0.0,
                    7.5,
                )
            )
        ids = bulk_insert(
            cr,
            "hr_attendance",
            [
                "employee_id",
                "create_uid",
                "write_uid",
                "create_date",
                "write_date",
                "date",
                "check_in",
                "check_out",
                "in_mode",
                "out_mode",
                "in_latitude",
                "in_longitude",
                "out_latitude",
                "out_longitude",
                "in_kilap_gps",
                "out_kilap_gps",
                "in_kilap_accuracy",
                "kilap_in_fence_id",
                "kilap_out_fence_id",
                "kilap_in_distance_m",
                "kilap_company_id",
                "kilap_flags",
                "kilap_review_state",
                "kilap_speed_kmh",
                "worked_hours",
                "overtime_hours",
                "validated_overtime_hours",
                "expected_hours",
            ],
            rows,
            returning=True,
        )
        self.attendance_count = len(ids)
        # the employee's last attendance (core stored compute)
        cr.execute(
            """UPDATE hr_employee e SET last_attendance_id = a.id
                 FROM (SELECT DISTINCT ON (employee_id) id, employee_id FROM hr_attendance
                        WHERE employee_id = ANY(%s) ORDER BY employee_id, check_in DESC) a
                WHERE a.employee_id = e.id""",
            [self.employee_ids],
        )

    def _journals(self):
        env, plan, cr = self.env, self.plan, self.env.cr
        rng = random.Random(plan["seed"] * 7919 + 1)
        office = env.ref("kilap_activity.journal_type_office").id
        now, uid = _now(), env.uid
        ids = self.employee_ids
        dept = {}
        for p in plan["people"]:
            dept[p["index"]] = (
                self.unit_ids[p["unit"]]
                if p["unit"] is not None
                else self.opd_ids[p["opd"]]
            )
        approver = {
            p["index"]: self.user_by_person.get(p["parent"], uid)
            for p in plan["people"]
        }
        slots = ((7.5, 10.0), (10.0, 12.0), (13.0, 15.5))
        rows = []
        n_days = len(self.dates)
        company_id = self.company.id
        for idx, n, _late, _early, _f, _acc, _dla, _dlo, count in plan["events"]:
            person = plan["people"][idx]
            emp = ids[idx]
            parent = ids[person["parent"]] if person["parent"] is not None else None
            rhks = self.rhk_by_employee.get(emp, [])
            day = self.dates[n]
            for slot in range(count):
                title, desc = ACTIVITIES[(n + slot + idx) % len(ACTIVITIES)]
                state = journal_state(n, n_days, rng.random())
                start, end = slots[slot]
                decided = state in ("approved", "rejected")
                rows.append(
                    (
                        emp,
                        company_id,
                        dept[idx],
                        parent,
                        parent,
                        int(round((end - start) * 60)),
                        office,
                        rhks[slot % len(rhks)] if rhks else None,
                        approver[idx] if decided else None,
                        uid,
                        uid,
                        title,
                        "kegiatan",
                        state,
                        day,
                        desc,
                        "Uraian kurang jelas, lengkapi keluaran."
                        if state == "rejected"
                        else None,
                        True,
                        now if state == "approved" else None,
                        now,
                        now,
                        start,
                        end,
                        1.0,
                        0.0,
                    )
                )
        bulk_insert(
            cr,
            "kilap_journal_entry",
            [
                "employee_id",
                "company_id",
                "department_id",
                "supervisor_id",
                "penilai_id",
                "duration_minutes",
                "journal_type_id",
                "rhk_id",
                "approver_id",
                "create_uid",
                "write_uid",
                "name",
                "output_uom",
                "state",
                "date",
                "description",
                "reject_reason",
                "active",
                "approved_date",
                "create_date",
                "write_date",
                "time_start",
                "time_end",
                "output_qty",
                "points",
            ],
            rows,
        )
        self.journal_count = len(rows)


def generate(env, employees, days, seed, month=None, users=200, log=print):
    """Build the plan and write it; returns (company, plan, generator)."""
    month = month or (
        datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    ).replace(day=1)
    started = time.time()
    plan = build_plan(employees, days, seed, month)
    log(
        "kilap generate: %d employees, %d working days from %s, seed %s (plan %s, %d check-in days)"
        % (
            employees,
            days,
            plan["days"][0],
            seed,
            plan_digest(plan),
            len(plan["events"]),
        )
    )
    gen = Generator(env, plan, log=log, users=users)
    company = gen.run()
    gen.timings["total"] = round(time.time() - started, 2)
    log(
        "kilap generate: company %r (id %d): %d attendances, %d journal entries in %.1f s"
        % (
            company.name,
            company.id,
            gen.attendance_count,
            gen.journal_count,
            gen.timings["total"],
        )
    )
    return company, plan, gen


def open_env(config, db):
    """(registry, cursor-context) for ``db`` using Odoo configuration file ``config``."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", str(config), "-d", db, "--log-level=warn"])
    return Registry(db)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap_generate")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--employees", type=int, default=100)
    parser.add_argument("--days", type=int, default=22)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--month", help="YYYY-MM of the first day (default: last month)"
    )
    parser.add_argument("--users", type=int, default=200)
    args = parser.parse_args(argv)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = open_env(args.config, args.db)
    month = datetime.date.fromisoformat(args.month + "-01") if args.month else None
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generate(env, args.employees, args.days, args.seed, month, users=args.users)
    return 0


if __name__ == "__main__":
    sys.exit(main())
