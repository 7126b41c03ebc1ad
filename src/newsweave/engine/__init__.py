"""Engines: how the stages are launched. The local engine runs them in this process."""

from newsweave.engine.local import read_articles, run_pipeline

__all__ = ["read_articles", "run_pipeline"]
