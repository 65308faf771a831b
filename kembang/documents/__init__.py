"""Printable documents (PDF): the shared A4 base in `pdf`, and the documents built on it
(docs/documents.md). No models, not an app."""
