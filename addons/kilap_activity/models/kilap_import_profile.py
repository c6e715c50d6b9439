from odoo import api, fields, models

# internal key, label, SIASN data-utama field (the default column), required
PROFILE_FIELDS = [
    ("siasn_id", "SIASN person id", "id", False),
    ("nip", "NIP / NI PPPK", "nipBaru", True),
    ("name", "Name", "nama", True),
    ("gelar_depan", "Title before the name", "gelarDepan", False),
    ("gelar_belakang", "Title after the name", "gelarBelakang", False),
    ("birth_place", "Birth place", "tempatLahir", False),
    ("birthday", "Birth date", "tglLahir", False),
    ("sex", "Sex", "jenisKelamin", False),
    ("status", "ASN status", "statusPegawai", True),
    ("kedudukan", "Legal standing (kedudukan hukum)", "kedudukanPnsNama", False),
    ("golongan", "Golongan", "golRuangAkhir", False),
    ("tmt_golongan", "TMT golongan", "tmtGolAkhir", False),
    ("jabatan", "Position", "jabatanNama", False),
    ("jabatan_type", "Position type", "jenisJabatan", False),
    ("kelas_jabatan", "Position class", "kelasJabatan", False),
    ("unit", "Unit (unor)", "unorNama", True),
    ("parent_unit", "Parent unit (OPD)", "unorIndukNama", False),
]
REQUIRED_KEYS = tuple(key for key, _l, _c, required in PROFILE_FIELDS if required)


class KilapImportProfile(models.Model):
    """Which column of the BKD's list holds which employee field: SIASN's
    data-utama names by default, other profiles for other exports."""

    _name = "kilap.import.profile"
    _description = "Employee Import Column Profile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: shared by every pemda of this database."
    )
    column_ids = fields.One2many(
        "kilap.import.profile.column",
        "profile_id",
        string="Columns",
        copy=True,
        default=lambda self: self._default_columns(),
    )

    @api.model
    def _default_columns(self):
        return [
            fields.Command.create({"key": key, "column": column})
            for key, _label, column, _required in PROFILE_FIELDS
        ]

    def _kilap_mapping(self):
        """``{key: column header}`` of this profile."""
        self.ensure_one()
        return {c.key: c.column for c in self.column_ids if c.column}
