"""Writes one check-in request body per line for benches/checkin.sh.

Reads the badge key the server keeps in its SQLite database and signs each
attendee's badge token exactly as chainfair does (crates/web/src/badge.rs):
EDITION~ATTENDEE~first 128 bits of HMAC-SHA256(key, "chainfair badge\\0"
EDITION "\\0" ATTENDEE) as hex. Usage: checkin_bodies.py DB CHECKINS_CSV
"""
import csv
import hashlib
import hmac
import json
import sqlite3
import sys

db, checkins = sys.argv[1], sys.argv[2]
key = sqlite3.connect(db).execute(
    "SELECT value FROM server_keys WHERE name = 'badge-hmac-sha256'"
).fetchone()[0].encode()


def token(edition: str, attendee: str) -> str:
    message = b"chainfair badge\0" + edition.encode() + b"\0" + attendee.encode()
    mac = hmac.new(key, message, hashlib.sha256).hexdigest()[:32]
    return f"{edition}~{attendee}~{mac}"


with open(checkins, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        body = {"token": token(row["edition"], row["attendee"]), "day": row["date"]}
        print(json.dumps(body, separators=(",", ":")))
