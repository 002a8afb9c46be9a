#!/usr/bin/env python3
"""A loopback stand-in for the GitHub and GitLab listing APIs (the shapes of
their docs: GitHub "List organization repositories" with Link pagination and
primary/secondary rate limits; GitLab "List a group's projects" with
x-next-page and 429 Retry-After). Used by tests/e2e/repos_test.sh.

GitHub: GET /api/v3/orgs/<org>/repos?per_page=N&page=P, token "Bearer <token>".
  The first request for page 2 gets 403 "secondary rate limit" + Retry-After: 1;
  the first for page 3 gets 403 with x-ratelimit-remaining: 0 and a reset 1 s
  ahead. Org "evil" links its next page to another host.
GitLab: GET /api/v4/groups/<url-encoded path>/projects?..., PRIVATE-TOKEN.
  The first request for page 2 gets 429 + Retry-After: 1.
Every request goes to --log as "METHOD PATH auth=<ok|none|bad> -> STATUS"."""
import argparse
import http.server
import json
import os
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repos", type=int, default=120)
    ap.add_argument("--token", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    lock = threading.Lock()
    seen = set()

    def github_repo(org, i):
        return {"id": i, "name": f"r{i:03d}", "full_name": f"{org}/r{i:03d}",
                "clone_url": f"https://github.example/{org}/r{i:03d}.git",
                "default_branch": "main" if i % 2 else "master",
                "archived": i % 10 == 3, "fork": i % 10 == 5, "size": 100 + i,
                "description": "x" * 200}

    def gitlab_project(group, i):
        p = {"id": i, "path_with_namespace": f"{group}/p{i:03d}",
             "http_url_to_repo": f"https://gitlab.example/{group}/p{i:03d}.git",
             "default_branch": "main", "archived": i % 10 == 3}
        if i % 10 == 5:
            p["forked_from_project"] = {"id": 9999}
        return p

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def reply(self, status, body, headers=()):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            with open(args.log, "a") as log:
                log.write(f"GET {self.path} auth={self.auth} -> {status}\n")

        def once(self, key):
            with lock:
                if key in seen:
                    return False
                seen.add(key)
                return True

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            q = dict(urllib.parse.parse_qsl(url.query))
            page, per = int(q.get("page", "1")), int(q.get("per_page", "30"))
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = url.path.split("/")
            if url.path.startswith("/api/v3/orgs/"):
                got = self.headers.get("Authorization")
                self.auth = "none" if got is None else ("ok" if got == "Bearer " + args.token else "bad")
                org = parts[4]
                if self.auth != "ok":
                    return self.reply(401, {"message": "Bad credentials"})
                if page == 2 and self.once(org + "2"):
                    return self.reply(403, {"message": "You have exceeded a secondary rate limit."},
                                      [("Retry-After", "1")])
                if page == 3 and self.once(org + "3"):
                    return self.reply(403, {"message": "API rate limit exceeded"},
                                      [("x-ratelimit-remaining", "0"),
                                       ("x-ratelimit-reset", str(int(time.time()) + 1))])
                items = [github_repo(org, i) for i in range((page - 1) * per, min(page * per, args.repos))]
                links = []
                if page * per < args.repos:
                    host = "http://localhost:1" if org == "evil" else base
                    links.append(f'<{host}/api/v3/orgs/{org}/repos?type=all&per_page={per}&page={page + 1}>; rel="next"')
                links.append(f'<{base}/api/v3/orgs/{org}/repos?per_page={per}&page=1>; rel="first"')
                return self.reply(200, items, [("Link", ", ".join(links))])
            if url.path.startswith("/api/v4/groups/"):
                got = self.headers.get("PRIVATE-TOKEN")
                self.auth = "none" if got is None else ("ok" if got == args.token else "bad")
                if self.auth != "ok":
                    return self.reply(401, {"message": "401 Unauthorized"})
                group = urllib.parse.unquote(parts[4])
                if page == 2 and self.once("gl2"):
                    return self.reply(429, {"message": "Retry later"}, [("Retry-After", "1")])
                items = [gitlab_project(group, i) for i in range((page - 1) * per, min(page * per, args.repos))]
                if q.get("archived") == "false":
                    items = [p for p in items if not p["archived"]]
                nxt = str(page + 1) if page * per < args.repos else ""
                return self.reply(200, items, [("x-next-page", nxt), ("x-page", str(page))])
            self.auth = "-"
            return self.reply(404, {"message": "Not Found"})

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
