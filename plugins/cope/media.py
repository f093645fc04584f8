"""Media types of everything cope writes: the one table the writer and the deploy use."""

from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath

TEXT = "; charset=utf-8"

# Double suffixes such as .rss.xml win over .xml: the lookup tries the longest first.
MEDIA_TYPES: dict[str, str] = {
    ".rss.xml": "application/rss+xml" + TEXT,
    ".atom.xml": "application/atom+xml" + TEXT,
    ".html": "text/html" + TEXT,
    ".htm": "text/html" + TEXT,
    ".css": "text/css" + TEXT,
    ".js": "text/javascript" + TEXT,
    ".mjs": "text/javascript" + TEXT,
    ".json": "application/json" + TEXT,
    ".jsonld": "application/ld+json" + TEXT,
    ".xml": "application/xml" + TEXT,
    ".xsl": "application/xslt+xml" + TEXT,
    ".txt": "text/plain" + TEXT,
    ".csv": "text/csv" + TEXT,
    ".md": "text/markdown" + TEXT,
    ".ics": "text/calendar" + TEXT,
    ".eml": "message/rfc822",
    ".svg": "image/svg+xml" + TEXT,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
    ".vtt": "text/vtt" + TEXT,
    ".srt": "application/x-subrip" + TEXT,
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".m4a": "audio/mp4",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".zip": "application/zip",
    ".geojson": "application/geo+json" + TEXT,
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".webmanifest": "application/manifest+json" + TEXT,
    ".map": "application/json" + TEXT,
}
DEFAULT_TYPE = "application/octet-stream"
# Where the path, not only the suffix, says what a file is (fnmatch patterns, '*' spans '/').
PATH_TYPES: dict[str, str] = {
    "feeds/*.json": "application/feed+json" + TEXT,
}


def media_type_for(path: str) -> str:
    """The Content-Type for a path under output/: by path pattern, else by suffix."""
    for pattern, media_type in PATH_TYPES.items():
        if fnmatch.fnmatchcase(path, pattern):
            return media_type
    name = PurePosixPath(path).name.lower()
    for suffix in sorted(MEDIA_TYPES, key=len, reverse=True):
        if name.endswith(suffix):
            return MEDIA_TYPES[suffix]
    return DEFAULT_TYPE
