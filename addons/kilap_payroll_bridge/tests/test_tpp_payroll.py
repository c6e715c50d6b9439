from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

from ..wizards import hr_payslip_employees as payslip_wizard
from .common import MARCH, KilapTppCase


@tagged("post_install", "-at_install")
class TestTppPayroll(KilapTppCase):
    """The approved TPP reaches OCA payroll payslips as inputs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        march = cls.make_period(
            MARCH,
            {cls.emp_a: (90, "baik"), cls.emp_c: (80, "baik")},
            {cls.emp_c: {date(2026, 3, d): {"status": "sick"} for d in (9, 10, 11)}},
        )
        cls.sheet = env["kilap.tpp.sheet"].create(
            {
                "period_id": march.id,
                "department_id": cls.opd.id,
                "company_id": cls.company.id,
            }
        )
        cls.sheet.action_compute()
        cls.sheet.action_verify()
        cls.sheet.action_approve()
        categ_basic = env["hr.salary.rule.category"].create(
            {"name": "Basic", "code": "BASIC"}
        )
        categ_net = env["hr.salary.rule.category"].create(
            {"name": "Net", "code": "NET"}
        )
        basic = env["hr.salary.rule"].create(
            {
                "name": "Gaji Pokok",
                "code": "BASIC",
                "sequence": 1,
                "category_id": categ_basic.id,
                "amount_select": "code",
                "amount_python_compute": "result = contract.wage",
            }
        )
        net = env["hr.salary.rule"].create(
            {
                "name": "Net",
                "code": "NET",
                "sequence": 200,
                "category_id": categ_net.id,
                "amount_select": "code",
                "amount_python_compute": "result = categories.BASIC"
                " + categories.TPP_ALW + categories.TPP_DED",
            }
        )
        cls.structure = env["hr.payroll.structure"].create(
            {
                "name": "Gaji ASN + TPP",
                "code": "ASN",
                "company_id": cls.company.id,
                "parent_id": env.ref("kilap_payroll_bridge.structure_tpp").id,
                "rule_ids": [Command.set([basic.id, net.id])],
            }
        )
        for emp in (cls.emp_a, cls.emp_c):
            emp.version_id.write(
                {
                    "contract_date_start": date(2026, 1, 1),
                    "wage": 4000000,
                    "struct_id": cls.structure.id,
                }
            )

    def _slip(self, employee, run=None):
        return self.env["hr.payslip"].create(
            {
                "employee_id": employee.id,
                "date_from": MARCH[0],
                "date_to": MARCH[1],
                "contract_id": employee.version_id.id,
                "struct_id": self.structure.id,
                "company_id": self.company.id,
                "payslip_run_id": run.id if run else False,
            }
        )

    def test_payslip_reads_tpp_inputs(self):
        slip = self._slip(self.emp_a)
        slip.compute_sheet()
        line = self.line_of(self.sheet, self.emp_a)
        inputs = {i.code: i.amount for i in slip.input_line_ids}
        self.assertEqual(
            inputs,
            {"TPP": 4700000, "TPP_PPH21": 235000, "TPP_BPJS": 47000, "TPP_ZAKAT": 0},
        )
        self.assertEqual(slip.tpp_line_id, line)
        self.assertEqual(inputs.keys(), set(slip.input_line_ids.mapped("code")))
        self.assertEqual(slip.input_line_ids.kilap_tpp_line_id, line)
        self.assertEqual(
            self.env["hr.payslip"].search([("tpp_line_id", "=", line.id)]), slip
        )
        totals = {pl.code: pl.total for pl in slip.line_ids}
        # no cuts this month: 2,700,000 + 2,000,000; PPh 5 %; BPJS 1 %
        self.assertEqual(totals["TPP"], 4700000)
        self.assertEqual(totals["TPP_PPH21"], -235000)
        self.assertEqual(totals["TPP_BPJS"], -47000)
        self.assertEqual(totals["TPP_NET"], 4418000)
        self.assertEqual(totals["NET"], 4000000 + 4418000)
        # computing again does not duplicate the inputs
        slip.compute_sheet()
        self.assertEqual(
            len(slip.input_line_ids.filtered(lambda i: i.code == "TPP")), 1
        )

    def test_batch_equals_single(self):
        run = self.env["hr.payslip.run"].create(
            {
                "name": "Maret 2026",
                "date_start": MARCH[0],
                "date_end": MARCH[1],
                "company_id": self.company.id,
            }
        )
        wizard = self.env["hr.payslip.employees"].create(
            {"employee_ids": [Command.set([self.emp_a.id, self.emp_c.id])]}
        )
        wizard.with_context(active_id=run.id).compute_sheet()
        self.assertEqual(len(run.slip_ids), 2)
        single = self._slip(self.emp_c)
        single.compute_sheet()
        batch_c = run.slip_ids.filtered(lambda s: s.employee_id == self.emp_c)

        def amounts(slip):
            return {
                pl.code: pl.total for pl in slip.line_ids if pl.code.startswith("TPP")
            }

        self.assertEqual(amounts(batch_c), amounts(single))
        self.assertEqual(
            amounts(batch_c)["TPP_NET"], self.line_of(self.sheet, self.emp_c).net
        )

    def _run(self):
        return self.env["hr.payslip.run"].create(
            {
                "name": "Maret 2026",
                "date_start": MARCH[0],
                "date_end": MARCH[1],
                "company_id": self.company.id,
            }
        )

    def test_batch_in_background(self):
        """A regency's batch: payslips generated and computed as jobs, one part
        per chunk of employees, with the figures of a payslip computed alone."""
        run = self._run()
        employees = self.emp_a | self.emp_c
        batch = run._kilap_generate_in_background(employees, per_job=1)
        self.assertEqual(batch.chunk_ids.mapped("item_count"), [1, 1])
        self.assertEqual(run.job_state, "running")
        with self.assertRaisesRegex(UserError, "already being computed"):
            run._kilap_generate_in_background(employees, per_job=1)
        self.assertFalse(run.slip_ids, "nothing before the jobs run")
        self.assertTrue(run_kilap_jobs(self.env))
        run.invalidate_recordset()
        self.assertEqual(run.job_state, "done")
        self.assertEqual(run.slip_ids.employee_id, employees)
        self.assertEqual(set(run.slip_ids.mapped("state")), {"verify"})
        self.assertTrue(all(run.job_chunk_ids.mapped("node")))
        single = self._slip(self.emp_c)
        single.compute_sheet()
        slip_c = run.slip_ids.filtered(lambda s: s.employee_id == self.emp_c)
        self.assertEqual(
            {pl.code: pl.total for pl in slip_c.line_ids},
            {pl.code: pl.total for pl in single.line_ids},
        )
        # a chunk replayed after a crash adds no payslip
        run._kilap_payslip_chunk(employees.ids)
        self.assertEqual(len(run.slip_ids), 2)
        # the form as a payroll manager: the parts in the batch's company, none
        # (and no access error) while working in another company
        other = self.env["res.company"].create({"name": "Pemda Lain"})
        officer, _employee = self.make_user(
            "tpp_payroll_manager",
            "base.group_user,payroll.group_payroll_manager",
            company_ids=[Command.set([self.company.id, other.id])],
        )
        spec = {"job_chunk_ids": {"fields": {"node": {}, "state": {}}}}
        form = run.with_user(officer)
        here = form.with_context(allowed_company_ids=[self.company.id])
        self.assertEqual(len(here.web_read(spec)[0]["job_chunk_ids"]), 2)
        elsewhere = form.with_context(allowed_company_ids=[other.id])
        self.assertEqual(elsewhere.web_read(spec)[0]["job_chunk_ids"], [])

    def test_wizard_sends_big_batches_to_background(self):
        run = self._run()
        wizard = self.env["hr.payslip.employees"].create(
            {"employee_ids": [Command.set([self.emp_a.id, self.emp_c.id])]}
        )
        with patch.object(payslip_wizard, "SLIPS_PER_JOB", 1):
            action = wizard.with_context(active_id=run.id).compute_sheet()
        self.assertEqual(action["tag"], "display_notification")
        self.assertFalse(run.slip_ids)
        run_kilap_jobs(self.env)
        run.invalidate_recordset()
        self.assertEqual(len(run.slip_ids), 2)

    def test_background_only_in_a_draft_batch(self):
        run = self._run()
        run.close_payslip_run()
        with self.assertRaisesRegex(UserError, "draft batch"):
            run._kilap_generate_in_background(self.emp_a)
        self.assertFalse(self.env["kilap.job.batch"]._kilap_running(run))

    def test_no_tpp_without_approved_sheet(self):
        other = self.env["hr.employee"].create(
            {"name": "No TPP", "company_id": self.company.id}
        )
        other.version_id.write(
            {
                "contract_date_start": date(2026, 1, 1),
                "wage": 1000000,
                "struct_id": self.structure.id,
            }
        )
        slip = self._slip(other)
        slip.compute_sheet()
        self.assertFalse(slip.input_line_ids.filtered(lambda i: i.code == "TPP"))
        self.assertEqual({pl.code: pl.total for pl in slip.line_ids}["NET"], 1000000)
