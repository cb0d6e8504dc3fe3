//! Reads the exact Lua release (for example "Lua 5.4.9") from the lua.h that mlua-sys compiled.
//!
//! `_VERSION` only says "Lua 5.4"; the release number exists only as macros in lua.h. mlua-sys
//! declares `links = "lua"`, so cargo hands this script the include directory of the vendored
//! build as `DEP_LUA_INCLUDE`.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_LUA_INCLUDE");
    let include = env::var("DEP_LUA_INCLUDE")
        .expect("mlua-sys did not report its include directory (DEP_LUA_INCLUDE)");
    let header = Path::new(&include).join("lua.h");
    println!("cargo:rerun-if-changed={}", header.display());
    let text = fs::read_to_string(&header)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", header.display()));
    let macro_value = |name: &str| -> String {
        text.lines()
            .filter_map(|line| line.trim().strip_prefix("#define"))
            .map(str::trim)
            .find_map(|rest| {
                let value = rest.strip_prefix(name)?;
                // The name must end here: LUA_VERSION_MAJOR is not LUA_VERSION_MAJOR_N.
                value
                    .starts_with(char::is_whitespace)
                    .then(|| value.trim().trim_matches('"').to_string())
            })
            .unwrap_or_else(|| panic!("lua.h defines no {name}"))
    };
    let release = format!(
        "Lua {}.{}.{}",
        macro_value("LUA_VERSION_MAJOR"),
        macro_value("LUA_VERSION_MINOR"),
        macro_value("LUA_VERSION_RELEASE")
    );
    println!("cargo:rustc-env=LUADIFF_LUA_RELEASE={release}");
}
