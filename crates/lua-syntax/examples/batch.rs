//! Parses every hex-encoded program of a file and prints "ok" or the message (hex), one
//! line each: lua-syntax's side of scripts/differential.sh.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let text = std::fs::read_to_string(path).expect("readable");
    for line in text.lines() {
        let src: Vec<u8> = (0..line.len() / 2)
            .map(|i| u8::from_str_radix(&line[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        match lua_syntax::parse(&src, "=prog") {
            Ok(_) => println!("ok"),
            Err(e) => println!(
                "{}",
                e.message
                    .bytes()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            ),
        }
    }
}
