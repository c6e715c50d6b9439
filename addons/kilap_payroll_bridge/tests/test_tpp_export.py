import base64
import io
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MARCH, KilapTppCase


@tagged("post_install", "-at_install")
class TestTppExport(KilapTppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        march = cls.make_period(
            MARCH, {cls.emp_a: (90, "baik"), cls.emp_c: (80, "baik")}, {}
        )
        cls.emp_a.nip = False
        cls.sheet = cls.env["kilap.tpp.sheet"].create(
            {
                "period_id": march.id,
                "department_id": cls.opd.id,
                "company_id": cls.company.id,
                "treasurer_employee_id": cls.emp_c.id,
            }
        )
        cls.sheet.action_compute()
        cls.sheet.action_verify()
        cls.sheet.action_approve()

    def _export(self, kind, fmt, user=None):
        env = self.env(user=user) if user else self.env
        wizard = env["kilap.tpp.export"].create(
            {"sheet_id": self.sheet.id, "kind": kind, "file_format": fmt}
        )
        action = wizard.action_export()
        self.assertIn("/web/content/", action["url"])
        return base64.b64decode(wizard.sudo().attachment_id.datas)

    def test_bank_csv(self):
        content = self._export("bank", "csv", self.users["keuangan"]).decode(
            "utf-8-sig"
        )
        rows = [r.split(";") for r in content.strip().splitlines()]
        self.assertEqual(rows[0][0], "NIP")
        by_name = {r[1]: r[-1] for r in rows[1:]}
        lines = {line.employee_id.name: line.net for line in self.sheet.line_ids}
        self.assertEqual(by_name, {k: "%.0f" % v for k, v in lines.items()})

    def test_sipd_xlsx_and_csv(self):
        data = self._export("sipd", "xlsx", self.users["keuangan"])
        self.assertTrue(zipfile.is_zipfile(io.BytesIO(data)))
        content = self._export("sipd", "csv").decode("utf-8-sig")
        rows = [r.split(";") for r in content.strip().splitlines()[1:]]
        self.assertEqual(sum(int(r[-1]) for r in rows), self.sheet.amount_tpp)
        self.assertIn("5.1.01.02.01.0001", {r[0] for r in rows})

    def test_no_export_before_approval(self):
        draft = self.env["kilap.tpp.sheet"].create(
            {
                "period_id": self.sheet.period_id.id,
                "department_id": self.opd2.id,
                "company_id": self.company.id,
            }
        )
        wizard = (
            self.env["kilap.tpp.export"]
            .with_user(self.users["keuangan"])
            .create({"sheet_id": draft.id, "kind": "bank", "file_format": "csv"})
        )
        with self.assertRaises(UserError):
            wizard.action_export()
        self.assertFalse(wizard.attachment_id)

    def test_only_keuangan_exports(self):
        for login in ("pegawai", "auditor", "bkpsdm"):
            with self.assertRaises(AccessError):
                self._export("bank", "csv", self.users[login])
