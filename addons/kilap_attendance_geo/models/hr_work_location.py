from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.base.models.res_partner import _tz_get


class HrWorkLocation(models.Model):
    """An office carries the fences where its employees may check in."""

    _inherit = "hr.work.location"

    kilap_geofence_ids = fields.One2many(
        "kilap.geofence", "work_location_id", string="Geofences"
    )
    kilap_tz = fields.Selection(
        _tz_get,
        string="Office Time Zone",
        help="Lateness of the employees of this office is judged in this time zone "
        "(WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura).",
    )
    kilap_geofence_count = fields.Integer(compute="_compute_kilap_geofence_count")

    def _compute_kilap_geofence_count(self):
        counts = dict(
            self.env["kilap.geofence"]._read_group(
                [("work_location_id", "in", self.ids)],
                ["work_location_id"],
                ["__count"],
            )
        )
        for location in self:
            location.kilap_geofence_count = counts.get(location, 0)

    def _kilap_geocode(self):
        """(lat, lon) of the work address through base_geolocalize, or a clear error."""
        self.ensure_one()
        partner = self.address_id
        geocoder = self.env["base.geocoder"]
        query = geocoder.geo_query_address(
            street=partner.street,
            zip=partner.zip,
            city=partner.city,
            state=partner.state_id.name,
            country=partner.country_id.name,
        )
        result = geocoder.geo_find(query, force_country=partner.country_id.code)
        if not result:
            result = geocoder.geo_find(
                geocoder.geo_query_address(
                    city=partner.city, country=partner.country_id.name
                )
            )
        if not result:
            raise UserError(
                self.env._(
                    "No coordinates were found for the address of %(location)s.",
                    location=self.name,
                )
            )
        return result

    def action_kilap_add_fence_from_address(self):
        """Create a fence at the geocoded work address (radius from the default)."""
        for location in self:
            lat, lon = location._kilap_geocode()
            self.env["kilap.geofence"].create(
                {
                    "name": location.name,
                    "work_location_id": location.id,
                    "company_id": location.company_id.id,
                    "latitude": lat,
                    "longitude": lon,
                }
            )
        return True
