// A Negotiate client that forgets its credential handle on one path: --format=html -o DIR
// writes the report into DIR (nothing on stdout), the index lists the finding and its
// page shows the function with the path's steps numbered on their lines.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not %sspi-check --format=html --srcroot=%S -o %t/report %s > %t/stdout.txt
// RUN: FileCheck %s --check-prefix=EMPTY --allow-empty --input-file=%t/stdout.txt
// RUN: cd %t/report && find . -type f | LC_ALL=C sort | FileCheck %s --check-prefix=FILES
// RUN: FileCheck %s --check-prefix=INDEX --input-file=%t/report/index.html
// RUN: FileCheck %s --check-prefix=PAGE --input-file=%t/report/findings/0001-basic.c-23.html
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

// The function starts here: its page shows it from this line to its closing brace.
static int connect_once(int give_up)
{
  CredHandle cred;
  TimeStamp expiry;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, &expiry) != SEC_E_OK)
    return -1;
  if (give_up)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int unrelated(void) { return 1; }

// EMPTY-NOT: {{.}}

// FILES: ./findings/0001-basic.c-23.html
// FILES-NEXT: ./index.html
// FILES-NEXT: ./report.css
// FILES-NEXT: ./report.js

// The index: the tool, the summary, the filters and one row per finding.
// INDEX: <!DOCTYPE html>
// INDEX: <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'">
// INDEX: <link rel="stylesheet" href="report.css">
// INDEX: <script src="report.js" defer></script>
// INDEX: <body data-page="index">
// INDEX: <p class="meta" id="version">sspi-check {{[0-9.]+}} (libclang {{.*}})</p>
// INDEX: <code class="cmdline" id="cmdline">{{.*}}sspi-check --format=html --srcroot={{.*}}/html -o {{.*}}/report {{.*}}/html/basic.c</code>
// INDEX: <tr><th>findings</th><td id="total">1</td></tr>
// INDEX-NEXT: <tr><th>translation units</th><td id="units">1</td></tr>
// INDEX-NEXT: <tr><th>units that failed to parse</th><td id="nfailed">0</td></tr>
// INDEX-NEXT: <tr><th>files with findings</th><td id="nfiles">1</td></tr>
// INDEX-NEXT: <tr><th>functions cut short</th><td id="ncapped">0</td></tr>
// INDEX: <table class="kv" id="per-check">
// INDEX-NEXT: <tr><th><a href="{{.*}}/docs/checks/sspi-credential-leak.md">sspi-credential-leak</a></th><td>1</td></tr>
// INDEX-NEXT: </table>
// INDEX: <select id="filter-check">
// INDEX-NEXT: <option value="">all</option>
// INDEX-NEXT: <option value="sspi-credential-leak">sspi-credential-leak (1)</option>
// INDEX: <select id="filter-file">
// INDEX-NEXT: <option value="">all</option>
// INDEX-NEXT: <option value="basic.c">basic.c (1)</option>
// INDEX: <tbody>
// INDEX-NEXT: <tr data-n="1" data-check="sspi-credential-leak" data-file="basic.c" data-line="23" data-func="connect_once" {{.*}}<td class="n">1</td><td class="check">sspi-credential-leak</td><td class="file">basic.c</td><td class="line">23</td><td class="func">connect_once</td><td class="msg"><a href="findings/0001-basic.c-23.html">credential handle &#39;cred&#39; is not released when the function returns</a></td></tr>
// INDEX-NEXT: </tbody>

// The page: a link back, the path as a list, then the function's source (the comment
// above it is not part of it) with each step's number in its line and its box under it.
// PAGE: <link rel="stylesheet" href="../report.css">
// PAGE: <body data-page="finding">
// PAGE: <a id="back" href="../index.html">
// PAGE: <span id="message">credential handle &#39;cred&#39; is not released when the function returns</span>
// PAGE: <code id="where">basic.c:23:5</code> in function <code id="function">connect_once</code>
// PAGE: <span id="pos">4 steps</span>
// PAGE: <li><a href="#step-1">basic.c:19</a> credential handle acquired here by &#39;AcquireCredentialsHandleW&#39;</li>
// PAGE-NEXT: <li><a href="#step-2">basic.c:19</a> taking the false branch</li>
// PAGE-NEXT: <li><a href="#step-3">basic.c:22</a> taking the true branch</li>
// PAGE-NEXT: <li class="final"><a href="#step-4">basic.c:23</a> credential handle &#39;cred&#39; is not released when the function returns</li>
// PAGE: <h3>basic.c, lines 15&ndash;26</h3>
// PAGE-NOT: data-line="14"
// PAGE: <tr class="line" id="r1-L15" data-line="15"><td class="ln">15</td><td class="code">static int connect_once(int give_up)</td></tr>
// PAGE: <tr class="line has-step" id="r1-L19" data-line="19"><td class="ln">19</td><td class="code">  if (<span class="mark" data-step="1">1</span><span class="mark" data-step="2">2</span>AcquireCredentialsHandleW(
// PAGE-NEXT: <tr class="ev" data-line="19">{{.*}}<div class="step" id="step-1" data-step="1" data-line="19"><span class="num">1</span>credential handle acquired here by &#39;AcquireCredentialsHandleW&#39;</div></td></tr>
// PAGE-NEXT: <tr class="ev" data-line="19">{{.*}}<div class="step" id="step-2" data-step="2" data-line="19"><span class="num">2</span>taking the false branch</div></td></tr>
// PAGE: <tr class="line has-step" id="r1-L22" data-line="22"><td class="ln">22</td><td class="code">  if (<span class="mark" data-step="3">3</span>give_up)</td></tr>
// PAGE-NEXT: <tr class="ev" data-line="22"><td class="ln"></td><td class="code"><span class="pad">      </span><div class="step" id="step-3" data-step="3" data-line="22"><span class="num">3</span>taking the true branch</div></td></tr>
// PAGE: <tr class="line has-step" id="r1-L23" data-line="23"><td class="ln">23</td><td class="code">    <span class="mark final" data-step="4">4</span>return -1;</td></tr>
// PAGE-NEXT: <tr class="ev" data-line="23">{{.*}}<div class="step final" id="step-4" data-step="4" data-line="23">
// PAGE: <tr class="line" id="r1-L26" data-line="26"><td class="ln">26</td><td class="code">}</td></tr>
// PAGE-NEXT: </tbody></table>
// PAGE-NOT: unrelated
