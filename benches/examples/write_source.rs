//! Writes the benchmark's generated Lua source to stdout (to inspect it or run it elsewhere).
fn main() {
    let bytes = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5 << 20);
    print!("{}", luadiff_benches::lua_source(bytes, 54));
}
