"""One JSON object per log line, for log collectors that read a process's stdout."""

import json
import logging
import threading
import time
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed with ``extra=`` and is kept.
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonLinesFormatter(logging.Formatter):
    """Formats a record as a single line of JSON: time (UTC, ISO 8601), level, logger,
    message, the exception if there is one, and any ``extra`` values that JSON can carry
    (others are given as their ``str``). Of a Django request only the method and path are
    kept: its cookies, headers and query string do not belong in logs."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", "")
            entry["path"] = request.path
        for key, value in vars(record).items():
            if key in _STANDARD_ATTRS or key.startswith("_") or key in entry or key == "request":
                continue
            entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        return json.dumps(entry, ensure_ascii=False)


class EveryInterval:
    """Logs a recurring failure at most once per ``interval`` seconds per ``key``, so an
    outage that every request runs into writes one line a minute, not one per request.
    Each line says how many times the failure happened since the last one."""

    def __init__(self, logger, interval=60):
        self.logger = logger
        self.interval = interval
        self._last = {}  # key -> (monotonic time of the last line, failures since)
        self._lock = threading.Lock()

    def log(self, key, level, message, *args, exc_info=False):
        now = time.monotonic()
        with self._lock:
            logged_at, since = self._last.get(key, (None, 0))
            if logged_at is not None and now - logged_at < self.interval:
                self._last[key] = (logged_at, since + 1)
                return False
            self._last[key] = (now, 0)
        self.logger.log(level, message, *args, exc_info=exc_info, extra={"repeats_since_last": since})
        return True

    def forget(self, key):
        """The failure is over: the next one is logged at once."""
        with self._lock:
            self._last.pop(key, None)
