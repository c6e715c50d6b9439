from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Field duties approved before the SPT register existed get their number, in
    the order they were made, dated their first day (or today if that is earlier):
    without it their SPT could not be printed."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["kilap.field.duty"].with_context(active_test=False).search(
        [("state", "in", ("approved", "reported")), ("spt_number", "=", False)]
    )._kilap_assign_spt_number()
