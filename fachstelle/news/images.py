"""Images of news items: checked, resized and stripped of metadata before anything is stored.

An upload is refused before it is read when it is too big (Django streams large uploads to a temporary
file, so `file.size` is known without reading it), then Pillow must recognise and verify it as one of the
allowed formats, and its pixel count is checked from the header before decoding (decompression bombs).
The stored image is re-encoded from the pixels alone: EXIF (GPS position, camera serial) is never copied.
"""

import io
import threading
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# Defaults; NEWS_IMAGE_MAX_BYTES may be set in the settings to change the upload limit.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
THUMBNAIL_SIDE = 600
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
JPEG_QUALITY = 85

NOT_AN_IMAGE = _("This file is not an image. Please upload a JPEG, PNG, WebP or GIF file.")


def max_bytes() -> int:
    return int(getattr(settings, "NEWS_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _error(message, **params) -> ValidationError:
    return ValidationError({"image": [ValidationError(message, params=params or None)]})


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        return True
    return image.mode == "P" and "transparency" in image.info


def _encode(image: Image.Image, *, transparent: bool) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    converted = image.convert("RGBA" if transparent else "RGB")
    converted.info.clear()  # no EXIF, XMP, ICC or comments from the upload
    if transparent:
        converted.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), "png"
    converted.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue(), "jpg"


def _resized(image: Image.Image, side: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)  # keeps the aspect ratio, never enlarges
    return copy


# WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import (brochures), which would let a cut-off
# upload through. Uploads are decoded with the strict setting, under a lock since the flag is global.
_STRICT_LOAD = threading.Lock()


def _load_strictly(image) -> None:
    with _STRICT_LOAD:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def image_process(upload) -> ProcessedImage:
    """The checked, resized, metadata-free image and its thumbnail, or a ValidationError on `image`."""
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is None or size > limit:
        raise _error(
            _("The image is too large (%(size)s MB). The maximum is %(max)s MB."),
            size=f"{(size or 0) / 1024 / 1024:.0f}",
            max=f"{limit / 1024 / 1024:.0f}",
        )
    if size == 0:
        raise _error(NOT_AN_IMAGE)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in ALLOWED_FORMATS:
                raise _error(NOT_AN_IMAGE)
            # Checked from the header, before a single pixel is decoded.
            if width * height > MAX_PIXELS:
                raise _error(
                    _(
                        "The image has too many pixels (%(width)s × %(height)s). "
                        "At most 40 megapixels are allowed."
                    ),
                    width=width,
                    height=height,
                )
            probe.verify()
        # verify() leaves the image unusable: open it again to decode.
        upload.seek(0)
        with Image.open(upload) as source:
            _load_strictly(source)
            image = ImageOps.exif_transpose(source)  # turn upright before the orientation tag is dropped
            if image is None:
                image = source
            transparent = _has_transparency(image)
            large = _resized(image, MAX_SIDE)
            small = _resized(image, THUMBNAIL_SIDE)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise _error(_("The image has too many pixels. The maximum is 40 megapixels.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        # Pillow raises these for unknown, truncated or damaged files (and SyntaxError for broken PNGs).
        raise _error(NOT_AN_IMAGE) from None
    finally:
        upload.seek(0)

    stem = uuid.uuid4().hex
    large_bytes, extension = _encode(large, transparent=transparent)
    small_bytes, _extension = _encode(small, transparent=transparent)
    return ProcessedImage(
        image=ContentFile(large_bytes, name=f"{stem}.{extension}"),
        thumbnail=ContentFile(small_bytes, name=f"{stem}-thumb.{extension}"),
        width=large.width,
        height=large.height,
    )
