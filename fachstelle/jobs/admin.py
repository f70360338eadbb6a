"""The queue's task results in the back office, for superusers (the operators) only: a task's arguments can
hold personal data (e-mail addresses), and office staff have no business with other offices' tasks. (Also
keeps the admin's app list from asking the permission tables for every office user.)"""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class TaskResultAdmin(DBTaskResultAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
