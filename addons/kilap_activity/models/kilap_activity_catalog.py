from odoo import fields, models


class KilapActivityCatalog(models.Model):
    """Catalogue item with a point value per unit, for jobs measured by points."""

    _name = "kilap.activity.catalog"
    _description = "Activity Catalogue Item"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    unit = fields.Char(required=True, translate=True)
    points_per_unit = fields.Float(required=True, default=1.0)
    job_family_ids = fields.Many2many("kilap.job.family", string="Job Families")
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)
