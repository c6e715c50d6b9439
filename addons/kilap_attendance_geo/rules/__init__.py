"""ORM-free rules of kilap_attendance_geo; importable by file path in plain pytest."""
