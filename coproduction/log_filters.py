"""Filters for the server's log (LOGGING in coproduction/settings/base.py)."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A request refused with a 4xx status is no fault of ours: log it without a traceback."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
