"""The base for rows that belong to one family (audit context includes the family)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models.family import Family


class FamilyOwned(TenantModel):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, verbose_name=_("rodzina"))
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, object]:
        return {
            "centre": self.centre_id,
            "family": self.family_id,
            "case_number": self.family.case_number if self.family_id else "",
        }
