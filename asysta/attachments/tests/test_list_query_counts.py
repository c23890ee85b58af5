"""The list of a family's attachments costs the same number of queries with 1 file and with 50
(DESIGN.md §6); it shows 25 a page."""

from __future__ import annotations

from django.urls import reverse

from asysta.attachments import services
from asysta.attachments.tests import files
from asysta.attachments.tests.builders import attachment
from asysta.core import testing
from asysta.plans.tests.builders import draft_with_content


def test_attachment_list_runs_the_same_queries_for_1_and_50_rows(people, family, login):
    plan = draft_with_content(family, by=people.anna)
    image = files.image()
    client = login(people.dorota)
    url = reverse("attachments:list", args=[family.pk])
    first = attachment(family, by=people.anna, name="skan00.png", data=image, target=plan)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "skan00.png" in page and "Anna Asystentka" in page and "do: plan" in page
    for i in range(1, 47):
        attachment(family, by=people.celina, name=f"skan{i:02d}.png", data=image, target=plan)
    attachment(family, by=people.anna, name="p.xades", data=files.xades(), signature_of=first)
    for i in range(47, 49):  # removed by the head: the list names who removed them and why
        made = attachment(family, by=people.anna, name=f"skan{i:02d}.png", data=image)
        services.remove_attachment(attachment=made, by=people.dorota, reason="Pomyłka.")
    many, page = testing.get_counted(client, url)
    assert "podpis do: skan00.png" in page and "przez Dorota Kierowniczka" in page
    assert page.count('class="list-group-item"') == 25 and "Celina Koordynatorka" in page
    assert many == one
    last, page = testing.get_counted(client, url, {"p": 2})
    assert "skan00.png" in page and last == one
