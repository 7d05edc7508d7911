"""The importer: a Word/WPS manuscript, a saved portal page or pasted text becomes a draft.

``sources`` reads a file into blocks, ``extract`` finds the fields in them, ``drafts`` turns a
confirmed extraction into a draft article (never published, never submitted), with its photos,
credits and an audit entry naming the file.
"""

from .extract import extract
from .sources import ImportRefused, read


def extract_file(name, data, known_communities=()):
    """The fields of the file ``name`` holding ``data`` (raises ImportRefused with a reason);
    ``known_communities``: the library's names, found wherever the text names them."""
    result = extract(read(name, data), known_communities)
    if not result.paragraphs:
        raise ImportRefused("没有找到文章正文：请确认文件是一篇稿件，或直接粘贴正文。")
    return result


__all__ = ["ImportRefused", "extract", "extract_file", "read"]
