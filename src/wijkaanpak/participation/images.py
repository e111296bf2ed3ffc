"""Uploaded images: only real images (decoded, not judged by name), at most 10 MB, no
decompression bombs, re-encoded as JPEG without any metadata (EXIF, GPS)."""

from __future__ import annotations

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from wijkaanpak.core.exceptions import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # decoded size; a larger image is refused as a decompression bomb
MAX_SIDE = 1600  # stored images are scaled down to this


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, errors=[{"field": "image", "message": message}])


def image_clean(content: bytes) -> bytes:
    """The image re-encoded as JPEG without metadata, or InvalidInput."""
    if len(content) > MAX_BYTES:
        raise _refuse(_("The image is larger than 10 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise _refuse(_("The image has too many pixels."))
                if probe.format not in {"JPEG", "PNG", "GIF", "WEBP"}:
                    raise _refuse(_("Upload a JPEG, PNG, GIF or WebP image."))
                probe.draft("RGB", (MAX_SIDE, MAX_SIDE))
                image = ImageOps.exif_transpose(probe).convert("RGB")
    except InvalidInput:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("The file is not an image that can be read.")) from None
    except (OSError, ValueError, SyntaxError):
        raise _refuse(_("The file is not an image that can be read.")) from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    # A new image carries no EXIF, XMP or ICC data unless given: none is passed.
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
