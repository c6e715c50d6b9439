"""KILAP Scoring demo data builder: demo-only code, never used in production.

``demo/kilap_scoring_demo.xml`` calls
``kilap.score.period._kilap_demo_close_previous_month`` through a ``<function>`` tag
when the add-on is installed with demo data; this file only has to be importable for
that call to find the method. It stays private (leading underscore), so no RPC caller
can close a month this way.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class KilapScorePeriod(models.Model):
    """Demo builder on the scoring period: the demo XML calls it on this model, and it
    uses the period's own month bounds, computation and workflow transition."""

    _inherit = "kilap.score.period"

    @api.model
    def _kilap_demo_close_previous_month(self):
        """Demo: close the previous calendar month of the demo pemda.

        Creates the period, computes it, rates every employee's behaviour (a
        spread of ratings so the matrix shows) and closes it.
        """
        user = self.env.ref("kilap_activity.user_demo_bkpsdm", raise_if_not_found=False)
        company = user.company_id if user else self.env.company
        start, end = self._kilap_month_bounds(
            fields.Date.context_today(self) - relativedelta(months=1)
        )
        period = self.search(
            [("company_id", "=", company.id), ("date_from", "=", start)]
        )
        if period.state == "closed":
            return period
        if not period:
            period = self.create(
                {"company_id": company.id, "date_from": start, "date_to": end}
            )
        period._kilap_compute()
        ratings = ("meets", "above", "meets", "meets", "below", "meets", "meets")
        lines = period.line_ids.sorted("id")
        for index, line in enumerate(lines):
            line.rating_perilaku = ratings[index % len(ratings)]
        period.sudo()._kilap_transition(
            {
                "state": "closed",
                "closed_on": fields.Datetime.now(),
                "closed_by_id": user.id if user else self.env.uid,
            }
        )
        return period
