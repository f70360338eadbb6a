"""Public self-service: provider proposals, yearly confirmation, reports on offers. (Being built.)"""

from django.http import Http404


def proposal_create(request, office_slug):
    raise Http404


def proposal_confirm(request, office_slug, token):
    raise Http404


def provider_confirmation(request, office_slug, token):
    raise Http404


def issue_report(request, office_slug, pk):
    raise Http404
