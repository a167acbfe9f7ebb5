"""Window results of an independent implementation, python's recurring-ical-events, for
ICalendarTests' comparison test (tests only).

usage: python recurring_ical_events_uids.py FROM,TO [FROM,TO ...] -- FILE [FILE ...]
Bounds are 20250101T000000Z. Prints one JSON object: {file: {"FROM,TO": [uid, ...]} or
{"error": message}}: the sorted UIDs of the VEVENTs, VTODOs and VJOURNALs with an occurrence
in [FROM, TO).
"""
import datetime
import json
import sys

import icalendar
import recurring_ical_events


def bound(text):
    return datetime.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)


def main(arguments):
    split = arguments.index("--")
    windows = [tuple(pair.split(",")) for pair in arguments[:split]]
    result = {}
    for path in arguments[split + 1:]:
        try:
            with open(path, "rb") as handle:
                calendars = icalendar.Calendar.from_ical(handle.read(), multiple=True)
        except Exception as error:  # noqa: BLE001 - any failure is a result to compare
            result[path] = {"error": f"parse: {error!r}"}
            continue
        windows_result = {}
        for start, end in windows:
            try:
                uids = set()
                for calendar in calendars:
                    query = recurring_ical_events.of(calendar, components=["VEVENT", "VTODO", "VJOURNAL"])
                    for component in query.between(bound(start), bound(end)):
                        if component.get("UID") is not None:
                            uids.add(str(component.get("UID")))
                windows_result[f"{start},{end}"] = sorted(uids)
            except Exception as error:  # noqa: BLE001
                windows_result = {"error": f"expand: {error!r}"}
                break
        result[path] = windows_result
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
