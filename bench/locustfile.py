"""The load test's users (bench/load.sh runs it: `locust --headless -u 50 -r 10 -t 2m`).

A day at an office, by share of the users: newcomers and helpers browsing the public site (the start page,
directory searches with filters, offers, the welcome guide, the calendar, news) — 30 of 40; people
registering for events — 4; counsellors working on cases and the inquiry inbox — 5; someone downloading
reports (dashboard CSV, KIP export) — 1. The URLs, the events with room and the logged-in staff sessions come
from bench/load_tool.py prepare ($LOAD_TARGETS). Requests are grouped by endpoint (`name=`), so locust's
statistics give one line per kind of page.
"""

import itertools
import json
import os
import random
import re
import uuid

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ.get("LOAD_TARGETS", "bench/out/load/targets.json")).read())  # noqa: SIM115
PUBLIC = TARGETS["public"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Each staff user takes its own session (round robin over the prepared ones).
_staff_cookies = itertools.cycle(TARGETS["staff"]["cookies"])
_report_cookies = itertools.cycle(TARGETS["reports"]["cookies"])


def _use_cookie(user: HttpUser, cookie: str) -> None:
    name, value = cookie.split("=", 1)
    user.client.cookies.set(name, value)


class PublicVisitor(HttpUser):
    """Looks around the public site; most time goes to the directory."""

    weight = 30
    wait_time = between(1, 4)

    @task(2)
    def start_page(self):
        self.client.get(random.choice(PUBLIC["start"]), name="start")

    @task(6)
    def search(self):
        query = random.choice(PUBLIC["search_queries"])
        self.client.get(f"{PUBLIC['search']}?{query}", name="directory_search")

    @task(4)
    def offer(self):
        self.client.get(random.choice(PUBLIC["offers"]), name="offer_detail")

    @task(1)
    def guide(self):
        self.client.get(random.choice(PUBLIC["guide"]), name="guide_index")

    @task(2)
    def guide_page(self):
        if PUBLIC["guide_pages"]:
            self.client.get(random.choice(PUBLIC["guide_pages"]), name="guide_page")

    @task(2)
    def events(self):
        self.client.get(random.choice(PUBLIC["events"]), name="event_list")
        self.client.get(random.choice(PUBLIC["event_pages"]), name="event_detail")

    @task(1)
    def news(self):
        self.client.get(random.choice(PUBLIC["news"]), name="news_list")
        if PUBLIC["news_pages"]:
            self.client.get(random.choice(PUBLIC["news_pages"]), name="news_detail")


class Registrant(HttpUser):
    """Opens an event, fills in the form, lands on the personal registration page."""

    weight = 4
    wait_time = between(3, 8)

    @task
    def register(self):
        self.client.cookies.clear()  # a new person each time
        url = random.choice(TARGETS["registration_events"])
        page = self.client.get(url, name="registration_form")
        match = CSRF_INPUT.search(page.text or "")
        if not match:
            return  # the GET above is already counted as failed if it was not a page
        data = {
            "name": "Lasttest Person",
            # Unique, and on a reserved domain: nothing would ever be delivered.
            "email": f"load-{uuid.uuid4().hex[:16]}@example.org",
            "phone": "",
            "people": str(random.randint(1, 3)),
            "language": "de",
            "needs": "",
            "submission_key": str(uuid.uuid4()),
            "website_url": "",
            "csrfmiddlewaretoken": match.group(1),
        }
        with self.client.post(
            url, data=data, name="registration_post", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"registration answered {response.status_code}, not 302")
                return
            location = response.headers["Location"]
        self.client.get(location, name="registration_detail")


class Counsellor(HttpUser):
    """A logged-in counsellor: the case list, a case, the inquiry inbox."""

    weight = 5
    wait_time = between(2, 6)

    def on_start(self):
        _use_cookie(self, next(_staff_cookies))

    @task(3)
    def case_list(self):
        self.client.get(TARGETS["staff"]["case_list"], name="staff_case_list")

    @task(4)
    def case(self):
        self.client.get(random.choice(TARGETS["staff"]["cases"]), name="staff_case_detail")

    @task(2)
    def inquiries(self):
        self.client.get(TARGETS["staff"]["inquiries"], name="staff_inquiries")


class ReportDownloader(HttpUser):
    """The office administrator downloads the figures: the dashboard's CSV and the KIP export."""

    weight = 1
    wait_time = between(5, 15)

    def on_start(self):
        _use_cookie(self, next(_report_cookies))

    @task
    def dashboard_csv(self):
        self.client.get(TARGETS["reports"]["dashboard_csv"], name="report_dashboard_csv")

    @task
    def kip_export(self):
        self.client.get(TARGETS["reports"]["kip_export"], name="report_kip_export")
