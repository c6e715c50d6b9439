from odoo import fields, models

from ..rules import employee_file
from ..rules import nip as nip_rules


class HrEmployeePublic(models.Model):
    """ASN identity is public within the pemda: it is printed on every official form.

    Exposing it here lets supervisors and colleagues (no HR rights) read it, and keeps
    the prefetch of hr.employee from failing for them.
    """

    _inherit = "hr.employee.public"

    nip = fields.Char(string="NIP", readonly=True)
    asn_status = fields.Selection(
        nip_rules.ASN_STATUSES,
        string="ASN Status",
        readonly=True,
    )
    golongan_id = fields.Many2one("kilap.golongan", readonly=True)
    jabatan_type = fields.Selection(
        [
            ("jpt", "JPT (High Leadership)"),
            ("administrator", "Administrator"),
            ("pengawas", "Pengawas"),
            ("fungsional", "Functional"),
            ("pelaksana", "Executor (Pelaksana)"),
        ],
        string="Position Type",
        readonly=True,
    )
    jabatan_name = fields.Char(string="Position (Jabatan)", readonly=True)
    kelas_jabatan = fields.Integer(string="Position Class", readonly=True)
    tmt_cpns = fields.Date(string="TMT CPNS", readonly=True)
    kilap_siasn_id = fields.Char(string="SIASN ID", readonly=True)
    kilap_kedudukan = fields.Selection(
        employee_file.KEDUDUKAN,
        string="Legal Standing (Kedudukan Hukum)",
        readonly=True,
    )
    kilap_tmt_golongan = fields.Date(string="TMT Golongan", readonly=True)
    tmt_jabatan = fields.Date(string="TMT Position", readonly=True)
    job_family_id = fields.Many2one("kilap.job.family", readonly=True)
    penilai_id = fields.Many2one(
        "hr.employee.public", string="Appraiser (Pejabat Penilai)", readonly=True
    )
