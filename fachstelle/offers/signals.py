"""Directory caches are keyed by Office.directory_version. Offer writes bump it in the services; edits of
the shared vocabularies and of an office's municipalities happen in the back office, so they bump it here.
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office, PromotionArea, TargetGroup
from fachstelle.network.models import Organisation


def bump_all_offices(**kwargs):
    Office.objects.update(directory_version=F("directory_version") + 1)


for model in (FieldOfAction, PromotionArea, TargetGroup, Language, Municipality):
    post_save.connect(bump_all_offices, sender=model, dispatch_uid=f"directory-bump-save-{model.__name__}")
    post_delete.connect(
        bump_all_offices, sender=model, dispatch_uid=f"directory-bump-delete-{model.__name__}"
    )


@receiver(
    m2m_changed, sender=Office.municipalities.through, dispatch_uid="directory-bump-office-municipalities"
)
def office_municipalities_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_all_offices()


@receiver(post_save, sender=Office, dispatch_uid="directory-bump-office-saved")
def office_saved(sender, instance, created, raw=False, **kwargs):
    # The office's name, address and colour are on every cached page of its directory.
    if not raw:
        Office.objects.filter(pk=instance.pk).update(directory_version=F("directory_version") + 1)


@receiver(post_save, sender=Organisation, dispatch_uid="directory-bump-organisation-saved")
def organisation_saved(sender, instance, raw=False, **kwargs):
    # Provider names and pages are part of the cached directory pages.
    if not raw:
        Office.objects.filter(pk=instance.office_id).update(directory_version=F("directory_version") + 1)
