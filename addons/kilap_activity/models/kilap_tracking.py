"""Tracking messages of many records in one batch.

Odoo logs the tracked changes of each record with a message of its own (two
INSERTs per record at commit, plus the Python of one ``create`` each): a
supervisor approving 10,000 journal entries would pay 20,000 queries. A model
that changes many records at once overrides ``_message_track`` with
``track_in_batch`` and falls back to Odoo's when it declines.
"""

from collections import defaultdict

from odoo.exceptions import MissingError


def track_in_batch(records, fields_iter, initial_values_dict):
    """Odoo's ``mail.thread._message_track``, the logs created in one batch.

    The same messages (a note per record, author and body as Odoo sets them)
    and the same tracking values. Returns Odoo's mapping ``{id: (changes,
    tracking values)}``, or None, having done nothing, when some change posts a
    subtype (a real message, with notifications: left to Odoo).
    """
    if not fields_iter or len(records) < 2:
        return None
    tracked_fields = records.fields_get(
        fields_iter, attributes=("string", "type", "selection", "currency_field")
    )
    tracking = {}
    for record in records:
        try:
            tracking[record.id] = record._mail_track(
                tracked_fields, initial_values_dict[record.id]
            )
        except MissingError:
            continue
    changed = records.browse(rid for rid, (changes, _v) in tracking.items() if changes)
    for record in changed:
        initial = initial_values_dict[record.id]
        if record._track_subtype({n: initial[n] for n in tracking[record.id][0]}):
            return None
    precommit = records.env.cr.precommit.data
    bodies = precommit.pop(f"mail.tracking.message.{records._name}", {})
    authors = precommit.pop(f"mail.tracking.author.{records._name}", {})
    by_author = defaultdict(list)
    for record in changed:
        if tracking[record.id][1]:
            author = authors.get(record.id)
            by_author[author.id if author else None].append(record.id)
    value_list = []
    for author_id, ids in by_author.items():
        group = records.browse(ids)
        messages = group._message_log_batch(
            {
                record.id: bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(tracking[record.id][0])
                for record in group
            },
            author_id=author_id,
        )
        for record, message in zip(group, messages, strict=True):
            value_list += [
                {**command[2], "mail_message_id": message.id}
                for command in tracking[record.id][1]
            ]
    records.env["mail.tracking.value"].sudo()._kilap_bulk_create(value_list)
    return tracking
