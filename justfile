# One-line recipes over cargo and luadiff. `just --list` shows them.

# The whole test suite, as CI runs it.
test:
    cargo test --workspace
