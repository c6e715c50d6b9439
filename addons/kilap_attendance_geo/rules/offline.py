"""Offline check-in acceptance window, pure Python."""

ERR_TOO_OLD = "too_old"
ERR_FUTURE = "future"
ERR_KIND = "kind"
ERR_UUID = "uuid"


def device_time_error(device_time, now, window_hours, future_minutes):
    """Error code when a queued device time is outside the accepted window, else None.

    ``device_time`` and ``now`` are naive UTC datetimes.
    """
    age = (now - device_time).total_seconds()
    if age > window_hours * 3600:
        return ERR_TOO_OLD
    if -age > future_minutes * 60:
        return ERR_FUTURE
    return None


def is_offline(device_time, now, grace_minutes=5):
    """True when an item was recorded on the device noticeably before it reached us."""
    return (now - device_time).total_seconds() > grace_minutes * 60
