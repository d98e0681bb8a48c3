"""Makes one write API token for each role on a running chainfair demo,
and a schemathesis configuration that knows the demo's ids.

Signs in as the demo organiser (e-mail and password as arguments), issues
invitation codes for two exhibitors of the demo edition, signs up a visitor
and staff of both exhibitors through the API, and prints one line per role,
`ROLE TOKEN`, for schemathesis.sh. Writes to the file named by the fourth
argument dictionaries of real ids (editions, organisations, booths,
meetings, agreements, documents, industries), bound to the parameters that
take them most of the time, so that generated requests reach past the 404
of an unknown id. Standard library only.
"""
import http.cookiejar
import json
import sys
import urllib.request

BASE, ORGANISER, PASSWORD, CONFIG = sys.argv[1:5]
EDITION = "cisce-2024"


class Client:
    """One browser: its own cookie jar and the session's CSRF token."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = None

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(BASE + path, data, headers, method=method)
        try:
            with self.opener.open(request) as response:
                text = response.read()
        except urllib.error.HTTPError as error:
            sys.exit(f"{method} {path}: {error.code} {error.read().decode()}")
        answer = json.loads(text) if text else None
        if isinstance(answer, dict) and "csrf" in answer:
            self.csrf = answer["csrf"]
        return answer

    def token(self, name):
        return self.call("POST", "/api/v1/tokens", {"name": name, "scope": "write"})["token"]


organiser = Client()
organiser.call("POST", "/api/v1/login", {"email": ORGANISER, "password": PASSWORD})
exhibitors = organiser.call(
    "GET", f"/api/v1/editions/{EDITION}/organizations?role=exhibitor&per_page=2"
)["items"]
if len(exhibitors) < 2:
    sys.exit(f"the demo has fewer than two exhibitors: {exhibitors}")

tokens = {"organiser": organiser.token("schemathesis")}
visitor = Client()
visitor.call(
    "POST",
    "/api/v1/register",
    {"email": "visitor@schemathesis.test", "name": "Visitor", "password": "visitor password 1"},
)
tokens["visitor"] = visitor.token("schemathesis")
for label, exhibitor in zip("ab", exhibitors):
    code = organiser.call("POST", "/api/v1/invitations", {"organization": exhibitor["id"]})["code"]
    staff = Client()
    staff.call(
        "POST",
        "/api/v1/register",
        {
            "email": f"exhibitor-{label}@schemathesis.test",
            "name": f"Staff of {exhibitor['id']}",
            "password": "exhibitor password 1",
            "code": code,
        },
    )
    tokens[f"exhibitor-{label}"] = staff.token("schemathesis")

for role, token in tokens.items():
    print(role, token)

E = f"/api/v1/editions/{EDITION}"
ids = {
    "editions": [e["id"] for e in organiser.call("GET", "/api/v1/editions")],
    "organizations": [o["id"] for o in exhibitors]
    + [o["id"] for o in organiser.call("GET", f"{E}/organizations?per_page=30")["items"]],
    "booths": [b["id"] for b in organiser.call("GET", f"{E}/floor")["plan"]["booths"][:30]],
    "meetings": [m["id"] for m in organiser.call("GET", f"{E}/meetings?per_page=30")["items"]],
    "agreements": [a["id"] for a in organiser.call("GET", f"{E}/agreements?per_page=30")["items"]],
    "documents": [d["id"] for d in organiser.call("GET", f"{E}/documents")],
    "industries": [i["id"] for i in organiser.call("GET", "/api/v1/chains")],
}
bindings = {
    "path.id": "editions",
    "path.org": "organizations",
    "query.org": "organizations",
    "body.organization": "organizations",
    "body.a": "organizations",
    "body.b": "organizations",
    "body.parties[*]": "organizations",
    "path.booth": "booths",
    "path.meeting": "meetings",
    "path.agreement": "agreements",
    "path.doc": "documents",
    "path.industry": "industries",
}
with open(CONFIG, "w", encoding="utf-8") as config:
    config.write("# Written by tests/api/accounts.py from the running demo.\n")
    # Every run starts afresh: no failures replayed from an earlier one.
    config.write("[cache]\nenabled = false\n\n")
    config.write("[dictionaries]\n")
    for name, values in ids.items():
        if not values:
            sys.exit(f"the demo has no {name}")
        config.write(f"{name} = {{ values = {json.dumps(values)} }}\n")
    config.write("\n[parameters]\n")
    for parameter, name in bindings.items():
        # Mostly real ids; now and then anything the schema allows.
        config.write(f'"{parameter}" = {{ dictionary = "{name}", probability = 0.8 }}\n')
