//! `os.clock` and `os.time` (exec mode only: their results differ from run to run).

use crate::native;
use crate::native::Args;
use crate::stdlib::new_lib;
use crate::value::Value;
use crate::vm::{Throw, Vm};

native!(CLOCK, "clock", clock);
native!(TIME, "time", time);

pub fn open(vm: &mut Vm) {
    new_lib(vm, "os", &[&CLOCK, &TIME]);
}

thread_local! {
    static START: std::time::Instant = std::time::Instant::now();
}

fn clock(vm: &mut Vm, _base: usize, _n: usize) -> Result<usize, Throw> {
    let secs = START.with(|s| s.elapsed().as_secs_f64());
    vm.push(Value::Float(secs));
    Ok(1)
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn time(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    if a.is_none_or_nil(vm, 1) {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        vm.push(Value::Integer(t));
        return Ok(1);
    }
    let t = a.check_table(vm, 1)?;
    let field = |vm: &mut Vm, name: &str, default: Option<i64>| -> Result<i64, Throw> {
        let key = vm.str_value(name.as_bytes());
        let v = vm.heap.table(t).get(key);
        match vm.to_integer_coerce(v) {
            Some(i) => Ok(i),
            None if v.is_nil() => match default {
                Some(d) => Ok(d),
                None => Err(vm.lib_error(format!("field '{name}' missing in date table"))),
            },
            None => Err(vm.lib_error(format!("field '{name}' is not an integer"))),
        }
    };
    let year = field(vm, "year", None)?;
    let month = field(vm, "month", None)?;
    let day = field(vm, "day", None)?;
    let hour = field(vm, "hour", Some(12))?;
    let min = field(vm, "min", Some(0))?;
    let sec = field(vm, "sec", Some(0))?;
    // Normalise the month like mktime, then count seconds (the time zone is UTC).
    let m0 = month - 1;
    let y = year + m0.div_euclid(12);
    let m = m0.rem_euclid(12) + 1;
    let days = days_from_civil(y, m, 1) + day - 1;
    let secs = days * 86_400 + hour * 3600 + min * 60 + sec;
    vm.push(Value::Integer(secs));
    Ok(1)
}
