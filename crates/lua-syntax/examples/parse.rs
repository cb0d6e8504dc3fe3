//! Parses a file (or stdin) and prints the AST or the syntax error; `--print` prints source.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map(String::as_str).unwrap_or("-");
    let src = if path == "-" {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut v).unwrap();
        v
    } else {
        std::fs::read(path).unwrap()
    };
    let name = args.get(3).cloned().unwrap_or_else(|| "=prog".to_string());
    match lua_syntax::parse(&src, &name) {
        Ok(c) => {
            if args.get(2).map(String::as_str) == Some("--print") {
                print!("{}", lua_syntax::print(&c));
            } else if args.get(2).map(String::as_str) == Some("--ast") {
                println!("{c:#?}");
            } else {
                println!("ok");
            }
        }
        Err(e) => {
            println!("{}", e.message);
            std::process::exit(1);
        }
    }
}
