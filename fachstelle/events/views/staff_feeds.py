"""Events: staff feeds views (placeholder until built)."""

urlpatterns = []
