"""Uploaded photos: only real images, at most 10 MB, re-encoded without any metadata.

The file is decoded with Pillow (its content decides, not its name), refused when it is larger
than MAX_BYTES or when its pixel count is beyond MAX_PIXELS (a decompression bomb: Pillow's
DecompressionBombError/-Warning, checked before the pixels are decoded), scaled down to at most
MAX_SIDE pixels on the long side while decoding (JPEG draft mode keeps memory bounded), and
written anew as JPEG (or PNG when it has transparency). Only the pixels are copied: EXIF (with
GPS), XMP, ICC and comments are gone."""

from __future__ import annotations

import io
import uuid
import warnings
from typing import IO

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from wijkaanpak.core.exceptions import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
#: ~50 megapixels: any phone photo; a bomb declares far more.
MAX_PIXELS = 50_000_000
MAX_SIDE = 2000


def _refuse(message: str, field: str) -> InvalidInput:
    return InvalidInput(message, errors=[{"field": field, "message": message}])


def photo_clean(
    upload: IO[bytes], *, size: int | None = None, field: str = "photo"
) -> ContentFile[bytes]:
    """The re-encoded photo as a file to store, or InvalidInput (400)."""
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_BYTES:
        raise _refuse(_("The photo is larger than 10 MB."), field)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise _refuse(_("The photo has too many pixels."), field)
                if image.format not in {"JPEG", "PNG", "WEBP", "GIF", "MPO"}:
                    raise _refuse(_("Upload a photo as JPEG, PNG, WebP or GIF."), field)
                # JPEG: decode at a reduced scale (1/2, 1/4, 1/8) that still covers the target.
                scale = min(1.0, MAX_SIDE / max(image.width, image.height))
                image.draft("RGB", (int(image.width * scale), int(image.height * scale)))
                image.load()
                # Turn it upright before the orientation tag goes with the rest of the EXIF.
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((MAX_SIDE, MAX_SIDE))
                transparent = upright.mode in ("RGBA", "LA", "PA") or (
                    upright.mode == "P" and "transparency" in upright.info
                )
                pixels = upright.convert("RGBA" if transparent else "RGB")
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("The photo has too many pixels."), field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refuse(_("The file is not an image."), field) from None
    # A fresh image of the pixels only: no info dict, so no EXIF, XMP, ICC or comments.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    if transparent:
        clean.save(out, format="PNG", optimize=False)
        ext = "png"
    else:
        clean.save(out, format="JPEG", quality=85)
        ext = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}")
