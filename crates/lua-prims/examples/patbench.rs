//! Rough timing of the pattern matcher on a quadratic search (for comparison with lua5.4.9):
//! `patbench N PATTERN` searches PATTERN in N bytes of 'a'.
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10000);
    let p = args.next().unwrap_or_else(|| ".-b".into());
    let s = vec![b'a'; n];
    let r = lua_prims::pattern::find(&s, p.as_bytes(), 1, false, true).unwrap();
    println!("{:?}", r.map(|x| x.0));
}
