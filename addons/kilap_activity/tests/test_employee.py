from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestAsnProfile(KilapActivityCase):
    def test_nip_not_18_digits(self):
        with self.assertRaisesRegex(ValidationError, "exactly 18 digits"):
            self.emp_staff_b.nip = "19920101201703100"
        with self.assertRaisesRegex(ValidationError, "exactly 18 digits"):
            self.emp_staff_b.nip = "19920101201703100A"
        self.assertEqual(self.emp_staff_b.nip, "199201012017031006")

    def test_nip_bad_birth_date(self):
        with self.assertRaisesRegex(ValidationError, "real birth date"):
            self.emp_staff_b.nip = "199202302017031006"

    def test_nip_bad_tmt(self):
        with self.assertRaisesRegex(ValidationError, "TMT CPNS"):
            self.emp_staff_b.nip = "199201012017131006"

    def test_ni_pppk(self):
        """A PPPK's Nomor Induk: digits 13-14 are a code, never a month."""
        employee = self.emp_staff_b
        with self.assertRaisesRegex(ValidationError, "TMT CPNS month"):
            employee.write({"nip": "199203152022211006"})
        employee.write({"asn_status": "pppk", "nip": "199203152022211006"})
        self.assertEqual(employee.nip, "199203152022211006")
        employee.asn_status = "pppk_pw"  # part-time PPPK: the same number
        with self.assertRaisesRegex(ValidationError, "year of first appointment"):
            employee.nip = "199203151990211006"
        # back to PNS with a PPPK number: refused, nothing changed
        with self.assertRaisesRegex(ValidationError, "TMT CPNS month"):
            employee.asn_status = "pns"
        self.assertEqual(
            (employee.asn_status, employee.nip), ("pppk_pw", "199203152022211006")
        )

    def test_nip_gender_mismatch(self):
        # emp_pegawai is female; digit 15 = 1 means male
        with self.assertRaisesRegex(ValidationError, "does not match"):
            self.emp_pegawai.nip = "199001012015031003"
        with self.assertRaisesRegex(ValidationError, "does not match"):
            self.emp_staff_b.sex = "female"

    def test_nip_gender_digit(self):
        with self.assertRaisesRegex(ValidationError, "must be 1"):
            self.emp_staff_b.nip = "199201012017033006"

    def test_nip_duplicate_same_company(self):
        with self.assertRaisesRegex(ValidationError, "already used"):
            self.emp_staff_b.nip = self.emp_pegawai2.nip

    def test_nip_duplicate_in_a_batch(self):
        """A batch (an import chunk) is checked at once: the taken NIP is named
        and nobody of the batch is created."""
        Employee = self.env["hr.employee"].with_context(active_test=False)
        before = Employee.search_count([])
        company = self.emp_pegawai2.company_id.id
        with self.assertRaisesRegex(ValidationError, self.emp_pegawai2.nip):
            Employee.create(
                [
                    {
                        "name": "Baru 1",
                        "nip": "199105052019031002",
                        "sex": "male",
                        "company_id": company,
                    },
                    {
                        "name": "Baru 2",
                        "nip": self.emp_pegawai2.nip,
                        "sex": "male",
                        "company_id": company,
                    },
                ]
            )
        self.assertEqual(Employee.search_count([]), before)

    def test_nip_same_in_other_company_allowed(self):
        other = self.env["hr.employee"].create(
            {
                "name": "Pegawai lain",
                "company_id": self.other_company.id,
                "nip": self.emp_pegawai2.nip,
                "sex": "male",
            }
        )
        self.assertEqual(other.nip, self.emp_pegawai2.nip)

    def test_nip_searchable(self):
        found = self.env["hr.employee"].name_search("199001012015032003")
        self.assertEqual([r[0] for r in found], [self.emp_pegawai.id])
        self.assertEqual(
            self.env["hr.employee"].search([("nip", "=", "199001012015032003")]),
            self.emp_pegawai,
        )

    def test_penilai_defaults_to_parent(self):
        self.assertEqual(self.emp_pegawai.penilai_id, self.emp_atasan)
        self.emp_pegawai.parent_id = self.emp_head
        self.assertEqual(self.emp_pegawai.penilai_id, self.emp_head)
        # an explicit appraiser survives a change of supervisor
        self.emp_pegawai.penilai_id = self.emp_admin_opd
        self.emp_pegawai.parent_id = self.emp_atasan
        self.assertEqual(self.emp_pegawai.penilai_id, self.emp_admin_opd)

    def test_kelas_jabatan_range(self):
        self.emp_pegawai.kelas_jabatan = 17
        with self.assertRaisesRegex(ValidationError, "between 1 and 17"):
            self.emp_pegawai.kelas_jabatan = 18

    def test_golongan_data_and_opd(self):
        self.emp_pegawai.golongan_id = self.env.ref("kilap_activity.golongan_iii_a")
        self.assertEqual(self.emp_pegawai.golongan_id.code, "III/a")
        self.assertEqual(self.unit_a1.kilap_opd_id, self.opd_a)
        self.assertEqual(self.opd_a.kilap_opd_id, self.opd_a)

    def test_nip_error_translated(self):
        """The message comes through _(): Indonesian when the user reads Indonesian."""
        lang = self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["kilap_activity"], ["id_ID"])
        employee = self.emp_staff_b.with_context(lang=lang.code)
        with self.assertRaisesRegex(
            ValidationError, "harus terdiri dari tepat 18 digit"
        ):
            employee.nip = "123"
