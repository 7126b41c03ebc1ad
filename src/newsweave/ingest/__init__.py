"""Ingest: find inputs and turn each into a Document, or a Rejected entry that says why not."""

from newsweave.ingest.files import DEFAULT_MAX_BYTES, InputNotFound, check_inputs, iter_documents

__all__ = ["DEFAULT_MAX_BYTES", "InputNotFound", "check_inputs", "iter_documents"]
