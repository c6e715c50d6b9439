from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

MAX_DAYS = 62


class KilapShiftRosterFill(models.TransientModel):
    """Fill the roster of several employees from a pattern, for up to two months
    at once; employee n starts ``stagger`` steps later than employee n-1, so a
    ward's nurses cover every shift."""

    _name = "kilap.shift.roster.fill"
    _description = "Fill Roster from Pattern"

    pattern_id = fields.Many2one("kilap.shift.pattern", required=True)
    employee_ids = fields.Many2many(
        "hr.employee", string="Employees", domain=[("kilap_rostered", "=", True)]
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    offset = fields.Integer(string="Start at step", default=1)
    stagger = fields.Integer(
        string="Stagger (steps per employee)",
        help="Employee n starts this many steps after the one before.",
    )

    def action_fill(self):
        self.ensure_one()
        if not self.employee_ids:
            raise UserError(self.env._("Choose the employees to roster."))
        if self.date_to < self.date_from:
            raise UserError(
                self.env._(
                    "Choose a valid date range: the end cannot be before the start."
                )
            )
        if (self.date_to - self.date_from).days >= MAX_DAYS:
            raise UserError(self.env._("Fill at most %s days at a time.", MAX_DAYS))
        Employee = self.env["hr.employee"]
        in_scope = Employee.search(
            Employee._kilap_scope_domain() + [("id", "in", self.employee_ids.ids)]
        )
        if in_scope != self.employee_ids:
            raise AccessError(
                self.env._("You can only fill the roster of employees you manage.")
            )
        steps = self.pattern_id._kilap_steps()
        Roster = self.env["kilap.shift.roster"]
        existing = {
            (entry.employee_id.id, entry.date): entry
            for entry in Roster.search(
                [
                    ("employee_id", "in", self.employee_ids.ids),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                ]
            )
        }
        to_create = []
        for index, employee in enumerate(self.employee_ids.sorted("id")):
            start = (self.offset - 1) + index * self.stagger
            day, step = self.date_from, start
            while day <= self.date_to:
                shift = steps[step % len(steps)]
                vals = {
                    "kind": "shift" if shift else "off",
                    "shift_type_id": shift.id or False,
                }
                entry = existing.get((employee.id, day))
                if entry:
                    if (entry.kind, entry.shift_type_id.id or False) != (
                        vals["kind"],
                        vals["shift_type_id"],
                    ):
                        entry.write(vals)
                else:
                    to_create.append({"employee_id": employee.id, "date": day, **vals})
                day += timedelta(days=1)
                step += 1
        Roster.create(to_create)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kilap_attendance_geo.kilap_shift_roster_action"
        )
        action["domain"] = [
            ("employee_id", "in", self.employee_ids.ids),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        return action
