"""Turn an uploaded file's bytes (txt, docx, html, pdf) into clean text, or refuse in Chinese.

Django-free engine: no Django, no app imports.
"""

from blueledger.documents.reading.document_reader import read_document, read_path
from blueledger.documents.reading.model import DocumentReadError, ReadDocument

__all__ = ["DocumentReadError", "ReadDocument", "read_document", "read_path"]
