"""Staff views of counselling, one module per area; each module exports its `urlpatterns`."""
