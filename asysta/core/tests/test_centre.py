import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from asysta.core.models import Centre, CentreKind


@pytest.mark.django_db
@pytest.mark.parametrize("terc", ["022306", "02230621", "02A3062", ""])
def test_terc_must_be_seven_digits(terc):
    centre = Centre(name="GOPS", kind=CentreKind.GOPS, terc=terc)
    with pytest.raises(ValidationError) as info:
        centre.full_clean()
    assert "terc" in info.value.message_dict
    if terc:
        assert "7 cyfr" in info.value.message_dict["terc"][0]


@pytest.mark.django_db
def test_terc_is_also_a_database_constraint():
    with pytest.raises(IntegrityError):
        Centre.objects.create(name="Zły", kind=CentreKind.OPS, terc="12345")


@pytest.mark.django_db
def test_valid_centre():
    centre = Centre(name="GOPS Siechnice", kind=CentreKind.GOPS, terc="0223064")
    centre.full_clean()
    centre.save()
    assert str(centre) == "GOPS Siechnice"


def test_a_letterhead_logo_must_be_a_png_or_jpeg_by_its_content():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from asysta.core.models import validate_logo

    validate_logo(SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64))
    validate_logo(SimpleUploadedFile("logo.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 64))
    refused = [
        SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"),  # not an image inside
        SimpleUploadedFile("logo.svg", b"\x89PNG\r\n\x1a\n"),  # not an allowed name
        SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024)),
    ]
    for upload in refused:
        with pytest.raises(ValidationError):
            validate_logo(upload)
