"""The one-pass <select> of long lists renders what Django's own would."""

from django import forms

from asysta.core.forms import Select


class _Form(forms.Form):
    who = forms.ChoiceField(
        choices=[("", "wszyscy"), ("1", "Anna <b>"), ("2", 'Bartek "B"')],
        required=False,
        widget=Select,
    )


def test_it_marks_the_chosen_option_and_escapes_labels():
    html = str(_Form({"who": "2"})["who"])
    assert html.startswith('<select name="who" id="id_who">')
    assert '<option value="1">Anna &lt;b&gt;</option>' in html
    assert '<option value="2" selected>Bartek &quot;B&quot;</option>' in html
    assert '<option value="">wszyscy</option>' in html and html.endswith("</select>")


def test_it_offers_the_same_options_as_djangos_select():
    ours = str(_Form()["who"])
    django_select = str(forms.Select(choices=_Form.base_fields["who"].choices).render("who", ""))
    assert ours.count("<option") == django_select.count("<option") == 3
