"""SQLite persistence for ClaimWatch (sqlite-utils): ``open_store(path)`` returns a ``Store``."""

from claimwatch.store.core import DEFAULT_BUSY_TIMEOUT_MS, Store, open_store, utc_iso
from claimwatch.store.errors import StoreError
from claimwatch.store.integrity import check_integrity, recovery_hint
from claimwatch.store.migrations import migrations

__all__ = ["DEFAULT_BUSY_TIMEOUT_MS", "Store", "StoreError", "check_integrity", "migrations", "open_store", "recovery_hint",
           "utc_iso"]
