#!/usr/bin/env python3
"""Render a page of sspi-check's HTML report in headless Chromium and print what the
rendered DOM shows, one line per fact, for FileCheck.

Usage: html_dom.py [--keys KEYS] [--query QUERY] [--source] PAGE

PAGE is index.html or a finding's page. Chromium runs the page's own script (sorting,
filtering, step navigation); --query adds a query string (for instance
"check=sspi-context-leak" on the index) and --keys presses keys on the page after it
has loaded (one key per character, "jjk"), through a harness page that holds it in a
frame. The index prints

  shown: <the "N of M findings shown" text>
  row <#> <visible|hidden>: <check> | <file> | <line> | <function> | <message> -> <link>

and a finding's page prints

  finding: <check> <message> at <where>
  position: <the "step N of M" text>
  step <n> line <line of the source row the box is under> mark <line of the source row
      holding the number <n>> [final] [current]: <message>

and with --source also

  elements: <the names of all elements in the page, sorted>
  region: <heading of a source excerpt>
  source <line>: <the text of the line as shown, without the step numbers>

Exit status: 0, or 2 when Chromium is missing or fails (its stderr is shown).
"""
import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, pred):
        return [n for n in self.walk() if pred(n)]

    def ancestor(self, tag):
        n = self.parent
        while n is not None and n.tag != tag:
            n = n.parent
        return n


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(text):
    b = TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.stderr.write("html_dom.py: chromium is not installed (apt-get install chromium)\n")
    sys.exit(2)


HARNESS = """<!DOCTYPE html><html><body><pre id="dom"></pre>
<iframe id="f" src="%s" style="width:1200px;height:900px"></iframe>
<script>
var f = document.getElementById("f");
f.addEventListener("load", function () {
  var d = f.contentDocument, w = f.contentWindow, keys = %s;
  for (var i = 0; i < keys.length; i++)
    d.dispatchEvent(new w.KeyboardEvent("keydown", {key: keys[i], bubbles: true}));
  document.getElementById("dom").textContent = d.documentElement.outerHTML;
});
</script></body></html>
"""


def render(path, query, keys):
    url = "file://" + os.path.abspath(path) + ("?" + query if query else "")
    with tempfile.TemporaryDirectory(prefix="html-dom.") as tmp:
        target = url
        if keys:
            harness = os.path.join(tmp, "harness.html")
            with open(harness, "w") as f:
                f.write(HARNESS % (html.escape(url), repr(list(keys))))
            target = "file://" + harness
        cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--allow-file-access-from-files", "--user-data-dir=" + os.path.join(tmp, "p"),
               "--virtual-time-budget=5000", "--dump-dom", target]
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=120)
        except subprocess.TimeoutExpired:
            sys.stderr.write("html_dom.py: chromium timed out\n")
            sys.exit(2)
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0 or "<html" not in out:
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        sys.stderr.write("html_dom.py: chromium failed (status %d)\n" % p.returncode)
        sys.exit(2)
    doc = parse(out)
    if keys:
        pre = doc.find_all(lambda n: n.attrs.get("id") == "dom")
        doc = parse(pre[0].text() if pre else "")
    return doc


def by_id(doc, i):
    found = doc.find_all(lambda n: n.attrs.get("id") == i)
    return found[0] if found else None


def squash(s):
    return " ".join(s.split())


def show_index(doc):
    shown = by_id(doc, "shown")
    print("shown: %s" % (squash(shown.text()) if shown else "(none)"))
    table = by_id(doc, "findings")
    rows = table.find_all(lambda n: n.tag == "tr" and n.ancestor("tbody")) if table else []
    for tr in rows:
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag == "td"]
        links = tr.find_all(lambda n: n.tag == "a")
        vis = "hidden" if "hidden" in tr.attrs else "visible"
        print("row %s %s: %s -> %s" % (squash(cells[0].text()), vis,
                                        " | ".join(squash(c.text()) for c in cells[1:]),
                                        links[0].attrs.get("href") if links else "-"))


def code_text(n):
    """The text of n without the step numbers placed in it."""
    return "".join(c if isinstance(c, str) else ("" if "mark" in c.classes() else code_text(c))
                   for c in n.children)


def show_source(doc):
    print("elements: %s" % " ".join(sorted({n.tag for n in doc.walk() if n.tag != "#document"})))
    for sec in doc.find_all(lambda n: "region" in n.classes()):
        h3 = sec.find_all(lambda n: n.tag == "h3")
        print("region: %s" % (squash(h3[0].text()) if h3 else "?"))
        for tr in sec.find_all(lambda n: n.tag == "tr" and "line" in n.classes()):
            code = tr.find_all(lambda n: n.tag == "td" and "code" in n.classes())
            print("source %s: %s" % (tr.attrs.get("data-line"),
                                     code_text(code[0]).rstrip() if code else ""))


def show_finding(doc):
    def text(i):
        n = by_id(doc, i)
        return squash(n.text()) if n else "(none)"
    check = doc.find_all(lambda n: n.tag == "span" and "check" in n.classes())
    print("finding: %s %s at %s" % (squash(check[0].text()) if check else "?", text("message"),
                                     text("where")))
    print("position: %s" % text("pos"))
    marks = {}
    for m in doc.find_all(lambda n: "mark" in n.classes()):
        tr = m.ancestor("tr")
        marks.setdefault(m.attrs.get("data-step"), tr.attrs.get("data-line") if tr else "?")
    for s in doc.find_all(lambda n: "step" in n.classes() and "data-step" in n.attrs):
        num = s.attrs["data-step"]
        tr = s.ancestor("tr")
        nums = s.find_all(lambda n: "num" in n.classes())
        label = squash(nums[0].text()) if nums else "?"
        msg = squash(s.text())[len(label):].strip()
        flags = "".join(" " + f for f in ("final", "current") if f in s.classes())
        print("step %s line %s mark %s%s: %s" % (label, tr.attrs.get("data-line") if tr else "?",
                                                 marks.get(num, "-"), flags, msg))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", default="")
    ap.add_argument("--query", default="")
    ap.add_argument("--source", action="store_true")
    ap.add_argument("page")
    a = ap.parse_args()
    doc = render(a.page, a.query, a.keys)
    body = doc.find_all(lambda n: n.tag == "body")
    kind = body[0].attrs.get("data-page") if body else None
    print("page: %s" % kind)
    if kind == "index":
        show_index(doc)
    elif kind == "finding":
        show_finding(doc)
        if a.source:
            show_source(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
