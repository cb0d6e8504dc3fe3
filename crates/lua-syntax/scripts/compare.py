#!/usr/bin/env python3
# Prints the mutants whose outcome differs between native Lua and lua-syntax, saving each
# as a file. Messages are compared after the lossy UTF-8 decoding lua-syntax applies.
# Differences from load() are checked again by loading the program as a file named prog
# with the standalone interpreter, which starts the parser at the same C depth as mlua
# and, like lua-syntax, skips a byte order mark and a '#' first line. A program that
# loads there runs (briefly: the check gives it 2 seconds), which counts as "ok".
import os, subprocess, sys, tempfile
out, seed = sys.argv[1], sys.argv[2]
nat = open(f'{out}/n_{seed}.out').read().split('\n')
mine = open(f'{out}/r_{seed}.out').read().split('\n')
muts = open(f'{out}/m_{seed}.txt').read().split('\n')
dec = lambda h: 'ok' if h == 'ok' else bytes.fromhex(h).decode('utf-8', 'replace')

def standalone(src):
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, 'prog'), 'wb').write(src)
        try:
            r = subprocess.run(['/work/tools/lua5.4.9', 'prog'], cwd=d, capture_output=True, timeout=2)
        except subprocess.TimeoutExpired:
            return 'ok'
        err = r.stderr.split(b'\n')[0]
        if r.returncode == 0 or b'stack traceback' in r.stderr and not err.endswith(b'C stack overflow'):
            return 'ok'
        return err[len(b'lua: '):].decode('utf-8', 'replace')

for i, (a, b) in enumerate(zip(nat, mine)):
    src = bytes.fromhex(muts[i])
    if dec(a) != dec(b):
        native = standalone(src)
        if native != dec(b):
            print(f'seed {seed} #{i}\n  native: {native[:300]!r}\n  mine:   {dec(b)[:300]!r}')
            open(f'{out}/diff_{seed}_{i}.lua', 'wb').write(src)
