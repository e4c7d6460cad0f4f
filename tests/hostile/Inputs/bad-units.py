# bad-units.py BASE OUTDIR: hostile unit files made from a real one (BASE, written by
# --emit-unit, with no val records of its own), each with records inserted before its
# end record:
#   shared.sspi-unit  values sharing their subvalues 40 levels deep (2^40 nodes expanded)
#   chain.sspi-unit   a chain of 100,000 nested values
#   steps.sspi-unit   a place with 65,536 dereference steps
#   varid.sspi-unit   a variable id of 1,048,576 (the liveness table is sized by it)
import sys
base, out = sys.argv[1], sys.argv[2]
lines = open(base).read().split("\n")
at = max(i for i, l in enumerate(lines) if l == "end")
nplaces = sum(1 for l in lines if l.startswith("place "))

def write(name, extra):
    with open(f"{out}/{name}", "w") as f:
        f.write("\n".join(lines[:at] + extra + lines[at:]))

write("shared.sspi-unit", ["val 0 const 1 -"] + [f"val {k} choice - V{k-1} V{k-1}" for k in range(1, 41)])
write("chain.sspi-unit", ["val 0 const 1 -"] + [f"val {k} choice - V{k-1} -" for k in range(1, 100000)])
write("steps.sspi-unit", [f"place {nplaces} local \"p\" 1 0 1 \"int *\" 65536 " + " ".join(["deref"] * 65536)])
write("varid.sspi-unit", [f"place {nplaces} local \"x\" 1048576 0 0 \"int\" 0"])
