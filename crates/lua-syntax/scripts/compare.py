#!/usr/bin/env python3
# Prints the mutants whose outcome differs between lua5.4.9 and lua-syntax (messages
# compared after the lossy UTF-8 decoding lua-syntax applies), saving each as a file.
# A first line starting with '#' is skipped by lua-syntax (as luaL_loadfile does) but
# not by load(), so those mutants are left out.
import sys
out, seed = sys.argv[1], sys.argv[2]
nat = open(f'{out}/n_{seed}.out').read().split('\n')
mine = open(f'{out}/r_{seed}.out').read().split('\n')
muts = open(f'{out}/m_{seed}.txt').read().split('\n')
dec = lambda h: 'ok' if h == 'ok' else bytes.fromhex(h).decode('utf-8', 'replace')
for i, (a, b) in enumerate(zip(nat, mine)):
    src = bytes.fromhex(muts[i])
    if dec(a) != dec(b) and not src.lstrip(b'\xef\xbb\xbf').startswith(b'#'):
        print(f'seed {seed} #{i}\n  native: {dec(a)[:300]!r}\n  mine:   {dec(b)[:300]!r}')
        open(f'{out}/diff_{seed}_{i}.lua', 'wb').write(src)
