"""Events: public registrations views (placeholder until built)."""

urlpatterns = []
