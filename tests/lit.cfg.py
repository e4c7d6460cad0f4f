# -*- Python -*-  lit configuration of sspi-check's test suite.
#
# Substitutions:
#   %sspi-check   the sspi-check binary of this build (%sspi-check-bin: the same path,
#                 for places that need a plain file name, such as -D...=<path>)
#   %inputs       tests/Inputs (shared test inputs)
#   %rules        the source tree's rules/ directory
#   %srcroot      the source tree
#   %builddir     the CMake build tree of this sspi-check binary
#   FileCheck, not  from LLVM 19 (llvm-19-tools)
# plus lit's own %s (this test file), %S (its directory), %t / %T (temporaries).
import os
import lit.formats

config.name = "sspi-check"
# RUN lines run in bash (external shell), so "$?" and other shell syntax work.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "README.md", "unit"]

config.test_source_root = os.path.dirname(os.path.abspath(__file__))
if getattr(config, "sspi_binary_dir", None):
    config.test_exec_root = os.path.join(config.sspi_binary_dir, "tests")
else:
    lit_config.fatal("run lit on the build's tests directory (it holds lit.site.cfg.py)")

# Longest first: lit applies substitutions in order.
config.substitutions.append(("%sspi-check-bin", config.sspi_check))
config.substitutions.append(("%sspi-check", config.sspi_check))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%rules", os.path.join(config.sspi_source_dir, "rules")))
config.substitutions.append(("%srcroot", config.sspi_source_dir))
config.substitutions.append(("%builddir", config.sspi_binary_dir))

# FileCheck and not from LLVM 19, ahead of anything else on PATH.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])

# Deterministic, colour-free output whatever the caller's terminal.
config.environment["NO_COLOR"] = "1"
config.environment["TERM"] = "dumb"
config.environment["LC_ALL"] = "C"
config.environment.pop("SSPI_CHECK_RULES", None)
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

if getattr(config, "sspi_sanitize", ""):
    config.available_features.add("sanitizer")
config.available_features.add("python3")

# The HTML report's rendering tests (tests/html/*-chromium.test) need headless
# Chromium (Debian: apt-get install chromium; scripts/deps.sh installs it).
import shutil
if shutil.which("chromium"):
    config.available_features.add("chromium")
else:
    lit_config.note("chromium not found: the HTML rendering tests (tests/html/*-chromium.test) "
                    "are UNSUPPORTED; install it with 'apt-get install chromium'")
