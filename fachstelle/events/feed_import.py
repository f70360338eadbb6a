"""Reading partners' iCal feeds: fetching (size, time and scheme limits, ETag) and turning a calendar into
occurrences — one per date — ready to be written by `services/feeds.py`.

Nothing here touches the database. Every problem with a feed raises `FeedError` with a message for staff.

Time zones: a DTSTART with TZID keeps its wall-clock time in that zone, UTC stays UTC, a floating time
(no zone) is read as Europe/Zurich, an all-day date (VALUE=DATE) runs from 00:00 of the first day to 23:59
of the last day (DTEND of an all-day event is exclusive, as the RFC says). Recurring events (RRULE, RDATE)
are expanded on wall-clock time for the next 12 months, without the EXDATEs, and with the occurrences that a
RECURRENCE-ID component moves or cancels replaced.
"""

import datetime
import hashlib
import html
import ipaddress
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from dataclasses import dataclass, field

import icalendar
import nh3
from dateutil.rrule import rruleset, rrulestr
from django.conf import settings
from django.utils.translation import gettext as _

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
FETCH_TIMEOUT_SECONDS = 20
MAX_FEED_BYTES = 5 * 1024 * 1024
HORIZON_DAYS = 366
# A rule that yields more dates than this in a year is refused for that event (e.g. FREQ=MINUTELY).
MAX_OCCURRENCES_PER_EVENT = 400
ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = "fachstelle-calendar-import/1.0"


class FeedError(Exception):
    """The feed could not be fetched or read; the message is shown to staff as the feed's last result."""


@dataclass(frozen=True)
class FetchResponse:
    body: bytes | None  # None: not modified since the ETag we sent
    etag: str = ""


@dataclass
class Occurrence:
    """One date of an event in the feed, with the values an imported Event gets."""

    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool
    title: str
    description: str  # Markdown (escaped plain text)
    location_name: str
    is_online: bool
    online_url: str
    cancelled: bool
    extra: dict = field(default_factory=dict)

    def fingerprint(self) -> str:
        values = [
            self.starts_at.isoformat(),
            self.ends_at.isoformat(),
            self.all_day,
            self.title,
            self.description,
            self.location_name,
            self.is_online,
            self.online_url,
            self.cancelled,
        ]
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


# --- Fetching --------------------------------------------------------------------------------------------


def check_feed_url(url: str) -> None:
    """Only http and https addresses with a host are fetched."""
    parts = urllib.parse.urlsplit(url or "")
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise FeedError(_("Only http:// and https:// addresses can be imported."))


def _refuse_private_host(hostname: str) -> None:
    """The server must not be made to fetch from the internal network (loopback, private ranges)."""
    try:
        infos = socket.getaddrinfo(hostname, None)
    except OSError as exc:
        raise FeedError(_("The address of the feed could not be found.")) from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FeedError(_("Feeds from internal network addresses cannot be imported."))


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_feed_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(
    url: str,
    *,
    etag: str = "",
    timeout: float = FETCH_TIMEOUT_SECONDS,
    max_bytes: int = MAX_FEED_BYTES,
    allow_private: bool = False,
) -> FetchResponse:
    """GET the feed with urllib. `allow_private` lets tests use a local server."""
    check_feed_url(url)
    if not allow_private:
        _refuse_private_host(urllib.parse.urlsplit(url).hostname)
    # The scheme was checked above (http/https only); redirects are checked by the handler.
    request = urllib.request.Request(  # noqa: S310
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar, */*"}
    )
    if etag:
        request.add_header("If-None-Match", etag)
    opener = urllib.request.build_opener(_NoRedirectToOtherSchemes)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FeedError(_too_big(max_bytes))
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FeedError(_too_big(max_bytes))
            return FetchResponse(body=body, etag=(response.headers.get("ETag") or "")[:200])
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResponse(body=None, etag=etag)
        raise FeedError(_("The feed answered with HTTP error %(code)s.") % {"code": exc.code}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FeedError(
            _("The feed could not be fetched: %(reason)s") % {"reason": str(reason)[:150]}
        ) from exc


def _too_big(max_bytes: int) -> str:
    return _("The feed is larger than %(mb)s MB and was not imported.") % {"mb": max_bytes // (1024 * 1024)}


# --- Text ------------------------------------------------------------------------------------------------

_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\s*/?\s*>", re.IGNORECASE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def plain(value, *, max_length: int | None = None) -> str:
    """A feed's text as plain text: HTML (some calendars send it) reduced to its text, spaces normalised."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(text):
        text = _BREAKS.sub("\n", text)
        text = html.unescape(nh3.clean(text, tags=set()))
    text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text[:max_length] if max_length else text


def markdown_escaped(text: str) -> str:
    """Plain text that Markdown shows exactly as written (no headings, links, HTML); line breaks kept."""
    lines = [_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in text.split("\n")]
    # Two trailing spaces: a line break inside a paragraph.
    return "\n".join(line + "  " if line else line for line in lines).strip()


# --- Times -----------------------------------------------------------------------------------------------


def _zone_of(value: datetime.datetime):
    return value.tzinfo if value.tzinfo is not None else LOCAL_TZ


def _wall(value, zone) -> datetime.datetime:
    """A DTSTART/EXDATE/RECURRENCE-ID value as naive wall-clock time in `zone`."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone)
        return value.replace(tzinfo=None)
    return datetime.datetime.combine(value, datetime.time())


def _aware(wall: datetime.datetime, zone) -> datetime.datetime:
    return wall.replace(tzinfo=zone)


def _date_values(component, name: str) -> list:
    values = component.get(name)
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    result = []
    for entry in values:
        dts = getattr(entry, "dts", None)
        if dts is not None:
            result.extend(item.dt for item in dts)
        else:
            result.append(getattr(entry, "dt", entry))
    return result


@dataclass
class _Master:
    component: object
    start: datetime.datetime | datetime.date
    duration: datetime.timedelta
    all_day: bool
    zone: object


def _master_of(component) -> _Master:
    start = component.decoded("DTSTART")
    all_day = not isinstance(start, datetime.datetime)
    zone = LOCAL_TZ if all_day else _zone_of(start)
    if "DTEND" in component:
        end = component.decoded("DTEND")
        duration = _wall(end, zone) - _wall(start, zone) if type(end) is type(start) else None
    elif "DURATION" in component:
        duration = component.decoded("DURATION")
    else:
        duration = None
    if duration is None or duration < datetime.timedelta(0):
        duration = datetime.timedelta(days=1) if all_day else datetime.timedelta(0)
    return _Master(component=component, start=start, duration=duration, all_day=all_day, zone=zone)


def _starts_between(master: _Master, window_start: datetime.datetime, window_end: datetime.datetime):
    """The wall-clock starts of a (possibly recurring) event that end after `window_start` and start
    before `window_end`."""
    component = master.component
    dtstart = _wall(master.start, master.zone)
    rules = component.get("RRULE")
    rdates = _date_values(component, "RDATE")
    if not rules and not rdates:
        return [dtstart]
    rules = rules if isinstance(rules, list) else [rules] if rules else []
    rset = rruleset()
    for rule in rules:
        rule = icalendar.prop.vRecur(dict(rule))
        until = rule.get("UNTIL")
        if until:
            # Expanded on naive wall-clock time, so UNTIL must be naive too (it is UTC for zoned starts).
            until_value = until[0] if isinstance(until, list) else until
            wall_until = _wall(until_value, master.zone)
            if not isinstance(until_value, datetime.datetime):
                wall_until = wall_until.replace(hour=23, minute=59, second=59)
            rule["UNTIL"] = [wall_until]
        try:
            rset.rrule(rrulestr(rule.to_ical().decode(), dtstart=dtstart, ignoretz=True))
        except (ValueError, TypeError) as exc:
            raise FeedError(
                _("An event has a repetition rule that cannot be read: %(error)s") % {"error": str(exc)[:100]}
            ) from exc
    if not rules:
        rset.rdate(dtstart)  # RDATEs add to the first date
    for value in rdates:
        rset.rdate(_wall(value, master.zone))
    for value in _date_values(component, "EXDATE"):
        excluded = _wall(value, master.zone)
        if not isinstance(value, datetime.datetime) and not master.all_day:
            # An EXDATE given as a date excludes that day at the event's time.
            excluded = datetime.datetime.combine(excluded.date(), dtstart.time())
        rset.exdate(excluded)
    wall_from = _wall(window_start, master.zone) - master.duration
    wall_to = _wall(window_end, master.zone)
    starts = []
    for start in rset.xafter(wall_from, inc=True):
        if start > wall_to:
            break
        starts.append(start)
        if len(starts) > MAX_OCCURRENCES_PER_EVENT:
            raise FeedError(_("An event of the feed repeats too often to be imported."))
    return starts


def _times(start_wall: datetime.datetime, master: _Master) -> tuple[datetime.datetime, datetime.datetime]:
    if master.all_day:
        last_day = (start_wall + master.duration).date() - datetime.timedelta(days=1)
        last_day = max(last_day, start_wall.date())
        return (
            _aware(datetime.datetime.combine(start_wall.date(), datetime.time(0, 0)), LOCAL_TZ),
            _aware(datetime.datetime.combine(last_day, datetime.time(23, 59)), LOCAL_TZ),
        )
    return _aware(start_wall, master.zone), _aware(start_wall + master.duration, master.zone)


def _occurrence(component, uid: str, master: _Master, start_wall: datetime.datetime) -> Occurrence:
    starts_at, ends_at = _times(start_wall, master)
    location = plain(component.get("LOCATION"), max_length=200)
    url = str(component.get("URL") or "").strip()
    is_online = location.lower().startswith(("http://", "https://"))
    online_url = location if is_online else ""
    if not online_url and url and re.search(r"zoom|teams|meet|webex|jitsi", url, re.IGNORECASE):
        online_url, is_online = url, True
    if len(online_url) > 200:
        online_url, is_online = "", False
    return Occurrence(
        uid=uid,
        starts_at=starts_at,
        ends_at=max(ends_at, starts_at),
        all_day=master.all_day,
        title=plain(component.get("SUMMARY"), max_length=200) or _("(untitled)"),
        description=markdown_escaped(plain(component.get("DESCRIPTION"), max_length=20_000)),
        location_name="" if is_online else location,
        is_online=is_online,
        online_url=online_url,
        cancelled=str(component.get("STATUS") or "").upper() == "CANCELLED",
    )


def parse_calendar(
    data: bytes, *, window_start: datetime.datetime, window_end: datetime.datetime
) -> list[Occurrence]:
    """The occurrences of the calendar that have not ended by `window_start` and start before
    `window_end`."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError … for broken input
        raise FeedError(_("The feed is not a valid iCal calendar.")) from exc
    if isinstance(calendar, list):
        calendar = calendar[0] if calendar else None
    if calendar is None or calendar.name != "VCALENDAR":
        raise FeedError(_("The feed is not a valid iCal calendar."))
    masters: dict[str, object] = {}
    overrides: dict[str, list] = {}
    try:
        for component in calendar.walk("VEVENT"):
            uid = str(component.get("UID") or "").strip()[:500]
            if not uid or "DTSTART" not in component:
                continue
            if "RECURRENCE-ID" in component:
                overrides.setdefault(uid, []).append(component)
            else:
                masters[uid] = component
        occurrences = []
        for uid, component in masters.items():
            master = _master_of(component)
            moved = {}
            for override in overrides.get(uid, []):
                moved[_wall(override.decoded("RECURRENCE-ID"), master.zone)] = override
            for start_wall in _starts_between(master, window_start, window_end):
                override = moved.pop(start_wall, None)
                if override is not None:
                    occurrences.extend(_override_occurrence(override, uid, window_start, window_end))
                else:
                    occurrences.append(_occurrence(component, uid, master, start_wall))
            # Overrides of dates outside the rule (moved into the window from elsewhere).
            for override in moved.values():
                occurrences.extend(_override_occurrence(override, uid, window_start, window_end))
        # An override whose master is missing (some servers publish single instances).
        for uid, components in overrides.items():
            if uid not in masters:
                for override in components:
                    occurrences.extend(_override_occurrence(override, uid, window_start, window_end))
    except FeedError:
        raise
    except Exception as exc:  # a component with values icalendar cannot decode
        raise FeedError(
            _("An event of the feed cannot be read: %(error)s") % {"error": str(exc)[:100]}
        ) from exc
    # One row per (UID, start): a feed that lists the same date twice keeps the last one.
    unique = {(occ.uid, occ.starts_at): occ for occ in occurrences}
    return sorted(unique.values(), key=lambda occ: (occ.starts_at, occ.uid))


def _override_occurrence(component, uid, window_start, window_end) -> list[Occurrence]:
    master = _master_of(component)
    start_wall = _wall(master.start, master.zone)
    occurrence = _occurrence(component, uid, master, start_wall)
    if occurrence.ends_at < window_start or occurrence.starts_at > window_end:
        return []
    return [occurrence]
