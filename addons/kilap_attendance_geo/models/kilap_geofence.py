import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

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
    radius = fields.Integer(
        string="Radius (m)", required=True, default=100, tracking=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        "kilap_geofence_department_rel",
        "fence_id",
        "department_id",
        string="Departments",
        tracking=True,
        help="Leave empty for a fence that serves every employee of the work location.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "kilap_geofence_employee_rel",
        "fence_id",
        "employee_id",
        string="Employees",
        tracking=True,
    )
    is_temporary = fields.Boolean(
        string="Temporary",
        help="An event point valid only within its dates.",
        tracking=True,
    )
    date_from = fields.Date(tracking=True)
    date_to = fields.Date(tracking=True)
    kilap_apel = fields.Boolean(
        string="Apel point",
        tracking=True,
        help="The morning assembly (apel) is held here: a check-in at this point "
        "within the apel window counts as attending it, and whoever was expected "
        "and did not is recorded as a missed apel (which cuts the TPP).",
    )
    kilap_apel_weekday = fields.Selection(
        [
            ("0", "Monday"),
            ("1", "Tuesday"),
            ("2", "Wednesday"),
            ("3", "Thursday"),
            ("4", "Friday"),
            ("5", "Saturday"),
            ("6", "Sunday"),
        ],
        string="Apel day",
        tracking=True,
        help="Empty: every working day within the fence's dates.",
    )
    kilap_apel_hour_from = fields.Float(string="Apel check-in from", default=7.0)
    kilap_apel_hour_to = fields.Float(string="Apel check-in until", default=7.5)

    address_id = fields.Many2one(
        related="work_location_id.address_id", string="Work Address"
    )

    _lat_lon_idx = models.Index("(latitude, longitude) WHERE active")

    @api.constrains(
        "latitude",
        "longitude",
        "radius",
        "is_temporary",
        "date_from",
        "date_to",
        "kilap_apel",
        "kilap_apel_hour_from",
        "kilap_apel_hour_to",
    )
    def _check_fence(self):
        for fence in self:
            if geo.coordinate_error(fence.latitude, fence.longitude):
                raise ValidationError(
                    self.env._("The fence coordinates are out of range.")
                )
            if fence.radius <= 0:
                raise ValidationError(self.env._("The fence radius must be positive."))
            limit = fence.company_id.sudo().kilap_max_fence_radius_m
            if limit and fence.radius > limit:
                raise ValidationError(
                    self.env._(
                        "The radius of %(fence)s (%(radius)s m) is wider than the "
                        "%(limit)s m this pemda allows.",
                        fence=fence.name,
                        radius=fence.radius,
                        limit=limit,
                    )
                )
            if fence.is_temporary and not (fence.date_from and fence.date_to):
                raise ValidationError(
                    self.env._("A temporary fence needs a start and an end date.")
                )
            if fence.kilap_apel and not (
                0 <= fence.kilap_apel_hour_from < fence.kilap_apel_hour_to <= 24
            ):
                raise ValidationError(
                    self.env._("The apel window must start before it ends.")
                )
            if fence.date_from and fence.date_to and fence.date_to < fence.date_from:
                raise ValidationError(
                    self.env._("The fence cannot end before it starts.")
                )

    def _kilap_check_employee_scope(self):
        """Admin OPD lists only employees of their own OPD on a fence."""
        if self.env.su or self.env.user.has_group("kilap_activity.group_kilap_bkpsdm"):
            return
        opd = self.env.user._kilap_employee().department_id.kilap_opd_id
        outside = self.sudo().employee_ids.filtered(
            lambda e: e.department_id.kilap_opd_id != opd
        )
        if outside:
            raise AccessError(
                self.env._(
                    "%(employee)s is not in your OPD: only BKPSDM can put them on a "
                    "geofence.",
                    employee=outside[0].name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        fences = super().create(vals_list)
        fences._kilap_check_employee_scope()
        return fences

    def write(self, vals):
        res = super().write(vals)
        if "employee_ids" in vals:
            self._kilap_check_employee_scope()
        return res

    def action_fill_from_address(self):
        """Fill the coordinates from the work location's address (base_geolocalize)."""
        for fence in self:
            if not fence.work_location_id:
                raise UserError(
                    self.env._(
                        "Fence %(fence)s has no work location, so it has no address.",
                        fence=fence.name,
                    )
                )
            lat, lon = fence.work_location_id._kilap_geocode()
            fence.write({"latitude": lat, "longitude": lon})
        return True

    @api.model
    def _kilap_applicable_sql(self, employee, date, latitude=None, longitude=None):
        """SQL selecting the fences serving ``employee`` on ``date``.

        A fence serves its listed employees, its listed departments (and their
        sub-departments), or -- when it lists neither -- everybody of its work
        location (or of the company when it has no location). Temporary fences
        only within their dates. With a point, a per-fence bounding box keeps only
        fences the point may be inside (cheap prefilter before haversine).
        """
        department_ids = [
            int(d) for d in (employee.department_id.parent_path or "").split("/") if d
        ]
        bbox = SQL("TRUE")
        if latitude is not None:
            cos_lat = max(math.cos(math.radians(latitude)), 1e-6)
            bbox = SQL(
                "abs(f.latitude - %(lat)s) * %(m)s <= f.radius * 1.01"
                " AND abs(f.longitude - %(lon)s) * %(m)s * %(cos)s <= f.radius * 1.01",
                lat=latitude,
                lon=longitude,
                m=geo.METRES_PER_DEGREE_LAT,
                cos=cos_lat,
            )
        return SQL(
            """
            SELECT f.id, f.latitude, f.longitude, f.radius
              FROM kilap_geofence f
             WHERE f.active IS TRUE AND f.company_id = %(company)s
               AND (f.is_temporary IS NOT TRUE
                    OR (f.date_from <= %(date)s AND f.date_to >= %(date)s))
               AND (
                    EXISTS (SELECT 1 FROM kilap_geofence_employee_rel r
                             WHERE r.fence_id = f.id
                               AND r.employee_id = %(employee)s)
                 OR EXISTS (SELECT 1 FROM kilap_geofence_department_rel r
                             WHERE r.fence_id = f.id
                               AND r.department_id = ANY(%(departments)s))
                 OR (NOT EXISTS (SELECT 1 FROM kilap_geofence_employee_rel r
                                  WHERE r.fence_id = f.id)
                     AND NOT EXISTS (SELECT 1 FROM kilap_geofence_department_rel r
                                      WHERE r.fence_id = f.id)
                     AND (f.work_location_id IS NULL
                          OR f.work_location_id = %(location)s))
               )
               AND %(bbox)s
            """,
            company=employee.company_id.id,
            date=date,
            employee=employee.id,
            departments=department_ids,
            location=employee.work_location_id.id or 0,
            bbox=bbox,
        )

    @api.model
    def _kilap_locate(self, employee, date, latitude, longitude):
        """Where a point stands for ``employee`` on ``date``.

        Returns ``(fence, distance_m, inside)`` for the fence containing the point
        or, failing that, the nearest applicable fence (empty recordset when no
        fence applies). One query on the hot path; a second only on refusal.
        """
        self.flush_model()
        self.env.cr.execute(
            self._kilap_applicable_sql(employee, date, latitude, longitude)
        )
        found = geo.nearest(latitude, longitude, self.env.cr.fetchall())
        if not found or not found[2]:
            self.env.cr.execute(self._kilap_applicable_sql(employee, date))
            found = geo.nearest(latitude, longitude, self.env.cr.fetchall())
        if not found:
            return self.browse(), None, False
        return self.browse(found[0]), found[1], found[2]
