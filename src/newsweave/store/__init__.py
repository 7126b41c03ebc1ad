"""Store: the embedded SQLite database every way of running writes to and reads from."""

from newsweave.store.sqlite import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
