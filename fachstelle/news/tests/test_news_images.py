"""Images of news items: resized, upright, without metadata; refused clearly when they are not images,
too big or decompression bombs."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image

from fachstelle.news.images import MAX_SIDE, THUMBNAIL_SIDE, image_process

from .conftest import jpeg_upload, png_upload

# Messages are asserted as their English msgids.
pytestmark = pytest.mark.usefixtures("english")

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def exif_with_gps(*, orientation=None) -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "SecretCam"
    if orientation:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (47.0, 23.0, 30.0)
    return exif.tobytes()


def opened(content_file) -> Image.Image:
    content_file.seek(0)
    image = Image.open(io.BytesIO(content_file.read()))
    image.load()
    return image


def messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.value.message_dict["image"]]


def test_a_large_png_is_resized_to_1600_px_with_a_600_px_thumbnail():
    result = image_process(png_upload((3200, 1600)))
    large, small = opened(result.image), opened(result.thumbnail)
    assert large.size == (MAX_SIDE, 800) and small.size == (THUMBNAIL_SIDE, 300)
    assert large.format == "JPEG" and result.image.name.endswith(".jpg")
    assert result.thumbnail.name.endswith("-thumb.jpg")


def test_a_small_image_is_not_enlarged():
    result = image_process(png_upload((400, 300)))
    assert opened(result.image).size == (400, 300)


def test_transparent_images_stay_png():
    result = image_process(png_upload((300, 200), mode="RGBA"))
    image = opened(result.image)
    assert image.format == "PNG" and image.mode == "RGBA"


def test_exif_with_gps_position_is_stripped_and_the_image_turned_upright():
    upload = jpeg_upload((800, 600), exif=exif_with_gps(orientation=6))  # 6: rotate 90° to view
    assert Image.open(io.BytesIO(upload.read())).getexif()[MAKE] == "SecretCam"  # the test has EXIF
    result = image_process(upload)
    for content in (result.image, result.thumbnail):
        image = opened(content)
        assert "exif" not in image.info
        assert dict(image.getexif()) == {}
        content.seek(0)
        raw = content.read()
        assert b"SecretCam" not in raw and b"Exif" not in raw
    assert opened(result.image).size == (600, 800)  # upright: the orientation was applied, not dropped


def test_png_metadata_is_stripped_too():
    result = image_process(png_upload((300, 200), exif=exif_with_gps()))
    result.image.seek(0)
    assert b"SecretCam" not in result.image.read()


@pytest.mark.parametrize(
    "content, name",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 500, "setup.jpg"),  # a Windows program
        (b"%PDF-1.7\n" + b"x" * 300, "flyer.png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.gif"),
        (b"", "empty.jpg"),
    ],
)
def test_files_that_are_not_images_are_refused(content, name):
    with pytest.raises(ValidationError) as error:
        image_process(SimpleUploadedFile(name, content, content_type="image/jpeg"))
    assert messages(error) == ["This file is not an image. Please upload a JPEG, PNG, WebP or GIF file."]


def test_a_truncated_image_is_refused():
    data = jpeg_upload((1200, 900)).read()
    with pytest.raises(ValidationError) as error:
        image_process(SimpleUploadedFile("cut.jpg", data[: len(data) // 2]))
    assert "not an image" in messages(error)[0]


def test_formats_other_than_jpeg_png_webp_gif_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, format="BMP")
    with pytest.raises(ValidationError) as error:
        image_process(SimpleUploadedFile("bitmap.jpg", buffer.getvalue()))
    assert "not an image" in messages(error)[0]


@pytest.mark.parametrize("fmt", ["WEBP", "GIF"])
def test_webp_and_gif_are_accepted(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (1, 2, 3)).save(buffer, format=fmt)
    result = image_process(SimpleUploadedFile(f"x.{fmt.lower()}", buffer.getvalue()))
    assert opened(result.image).size == (120, 80)


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path):
    # A sparse file: 50 MB on paper, no memory and hardly any disk used.
    path = tmp_path / "huge.jpg"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    with open(path, "rb") as f:
        upload = UploadedFile(file=f, name="huge.jpg", content_type="image/jpeg", size=path.stat().st_size)
        with pytest.raises(ValidationError) as error:
            image_process(upload)
        assert f.tell() == 0  # not a byte read
    assert messages(error) == ["The image is too large (50 MB). The maximum is 10 MB."]


def test_the_size_limit_follows_the_setting(settings):
    settings.NEWS_IMAGE_MAX_BYTES = 1000
    upload = png_upload((400, 400))
    assert upload.size > 1000
    with pytest.raises(ValidationError) as error:
        image_process(upload)
    assert "too large" in messages(error)[0]


def test_a_decompression_bomb_is_refused_from_its_header():
    buffer = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(buffer, format="PNG")  # 50 megapixels, a few kB on disk
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ValidationError) as error:
        image_process(SimpleUploadedFile("bomb.png", buffer.getvalue()))
    assert messages(error) == [
        "The image has too many pixels (10000 × 5000). At most 40 megapixels are allowed."
    ]


def test_a_truncated_image_is_refused_also_after_weasyprint_was_imported():
    # WeasyPrint switches Pillow's global LOAD_TRUNCATED_IMAGES on when it is imported (the brochure does).
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    test_a_truncated_image_is_refused()
