"""Staff URLs of the project grants, under /<lang>/staff/<office_slug>/grants/."""

from .views import staff_budget, staff_decisions, staff_programmes, staff_review

app_name = "grants"

urlpatterns = [
    *staff_programmes.urlpatterns,
    *staff_review.urlpatterns,
    *staff_decisions.urlpatterns,
    *staff_budget.urlpatterns,
]
