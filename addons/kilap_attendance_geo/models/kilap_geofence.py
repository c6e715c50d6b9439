from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules import geo


class KilapGeofence(models.Model):
    """A circle where check-ins count: an office, or a temporary event point."""

    _name = "kilap.geofence"
    _description = "Attendance Geofence"
    _inherit = ["mail.thread"]
    _order = "work_location_id, name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    work_location_id = fields.Many2one(
        "hr.work.location", index=True, tracking=True, ondelete="cascade"
    )
    latitude = fields.Float(digits=(10, 7), required=True, tracking=True)
    longitude = fields.Float(digits=(10, 7), required=True, tracking=True)
    radius = fields.Integer(string="Radius (m)", required=True, default=100, tracking=True)
    department_ids = fields.Many2many(
        "hr.department",
        "kilap_geofence_department_rel",
        "fence_id",
        "department_id",
        string="Departments",
        help="Leave empty for a fence that serves every employee of the work location.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "kilap_geofence_employee_rel",
        "fence_id",
        "employee_id",
        string="Employees",
    )
    is_temporary = fields.Boolean(
        string="Temporary", help="An event point valid only within its dates.", tracking=True
    )
    date_from = fields.Date(tracking=True)
    date_to = fields.Date(tracking=True)

    @api.constrains("latitude", "longitude", "radius", "is_temporary", "date_from", "date_to")
    def _check_fence(self):
        for fence in self:
            if geo.coordinate_error(fence.latitude, fence.longitude):
                raise ValidationError(_("The fence coordinates are out of range."))
            if fence.radius <= 0:
                raise ValidationError(_("The fence radius must be positive."))
            if fence.is_temporary and not (fence.date_from and fence.date_to):
                raise ValidationError(_("A temporary fence needs a start and an end date."))
            if fence.date_from and fence.date_to and fence.date_to < fence.date_from:
                raise ValidationError(_("The fence cannot end before it starts."))
