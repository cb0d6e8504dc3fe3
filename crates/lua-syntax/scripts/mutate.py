#!/usr/bin/env python3
# Writes hex-encoded random mutants of the repository's Lua programs, one per line.
# Usage: mutate.py ROOT COUNT SEED > mutants.txt
import glob, random, sys
root, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)
files = sorted(glob.glob(root + '/**/*.lua', recursive=True))
srcs = [open(f, 'rb').read().decode('latin-1') for f in files if '/target/' not in f]
TOKS = ['end', 'do', 'then', 'if', 'else', 'elseif', 'while', 'for', 'in', 'function', 'local', 'return',
        'break', 'goto', '::', '(', ')', '{', '}', '[', ']', '=', '==', ',', ';', ':', '.', '..', '...', '+',
        '-', '*', '/', '//', '%', '^', '#', '&', '|', '~', '<<', '>>', '<', '>', '<=', '>=', '~=', 'and',
        'or', 'not', 'nil', 'true', 'false', '"', "'", '[[', ']]', '--', '--[[', '\\', '\\x', '\\u{', '0x',
        '1e', '.5', '3.', 'x', 'y', '<const>', '<close>', '<foo>', 'repeat', 'until', '\n', '\r', '@', '$',
        '\0', '\x80', 'goto continue', '::continue::', 'local x <const> = 1 x = 2', '9223372036854775808']
for _ in range(n):
    s = random.choice(srcs)
    if len(s) > 3000:
        a = random.randrange(len(s) - 2000)
        s = s[a:a + random.randrange(200, 2000)]
    for _ in range(random.randint(1, 3)):
        k, p = random.random(), random.randrange(len(s) + 1)
        if k < 0.3:
            s = s[:p] + random.choice(TOKS) + s[p:]
        elif k < 0.6:
            s = s[:p] + s[min(len(s), p + random.randint(1, 12)):]
        elif k < 0.8:
            q = min(len(s), p + random.randint(1, 20))
            s = s[:p] + s[p:q] + s[p:]
        else:
            s = s[:p] + chr(random.randrange(256)) + s[p + 1:]
    print(s.encode('latin-1').hex())
