def migrate(cr, version):
    """Events raised before 19.0.1.1.0 were notified when they were raised: mark
    them so, or the new follow-up job would assign their to-dos a second time."""
    if not version:
        return
    cr.execute("UPDATE kilap_discipline_event SET notified = TRUE")
