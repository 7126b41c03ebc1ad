"""Engines: how the stages are launched. The local engine runs them in this process."""

from newsweave.engine.reading import read_articles

__all__ = ["read_articles", "run_pipeline"]


def __getattr__(name: str):  # PEP 562: the whole pipeline's imports only when a run asks for it
    if name == "run_pipeline":
        from newsweave.engine.local import run_pipeline

        return run_pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
