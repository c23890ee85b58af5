import pytest
from django.utils import translation

from asysta.intake.services import families_phrase


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1 rodzinę"),
        (2, "2 rodziny"),
        (4, "4 rodziny"),
        (5, "5 rodzin"),
        (12, "12 rodzin"),
        (15, "15 rodzin"),
        (22, "22 rodziny"),
        (0, "0 rodzin"),
    ],
)
def test_three_polish_plural_forms(n, text):
    with translation.override("pl"):
        assert families_phrase(n) == text
