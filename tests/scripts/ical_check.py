#!/usr/bin/env python3
"""Parses an iCalendar file with the icalendar package (an implementation
independent of chainfair's) and prints what a calendar application would
see of each event, as JSON: uid, start and end (ISO 8601 with the offset),
time zone, sequence, status, location, attendees."""
import json
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = []
for event in calendar.walk("VEVENT"):
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    events.append({
        "uid": str(event["UID"]),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "tz": str(start.tzinfo),
        "sequence": int(event["SEQUENCE"]),
        "status": str(event["STATUS"]),
        "location": str(event["LOCATION"]),
        "attendees": sorted(str(a) for a in event.get("ATTENDEE", [])),
    })
print(json.dumps({"timezones": [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")], "events": events}))
