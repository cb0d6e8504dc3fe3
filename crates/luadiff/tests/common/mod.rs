//! Helpers shared by the integration tests that check native Lua's outcomes against
//! snapshots (conformance, corpus, benchmarks).

/// insta settings for native's outcome on `input`, stored as the snapshot file
/// `snapshot`, and the snapshot's name. The caller runs `insta::assert_snapshot!` itself,
/// so that the snapshot's `source:` names its test file.
pub fn native_snapshot_settings(
    snapshot: &std::path::Path,
    input: &std::path::Path,
) -> (insta::Settings, String) {
    let name = snapshot
        .file_stem()
        .expect("a snapshot name")
        .to_string_lossy()
        .into_owned();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshot.parent().expect("a snapshot directory"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(input);
    settings.set_omit_expression(true);
    (settings, name)
}
