from django import forms


class DateInput(forms.DateInput):
    """A native date picker; the value travels as ISO, the page shows dd.mm.rrrr."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
