use super::*;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile { path: path.into(), bytes: text.as_bytes().to_vec(), origin: format!("src of {path}") }
}

#[test]
fn refuses_dangerous_output_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    for bad in [
        root.clone(),
        root.join("content"),
        root.join("content/x"),
        root.join("themes"),
        dir.path().to_path_buf(),
        root.join("public/../"),
    ] {
        assert!(check_output_dir(&root, &bad).is_err(), "{}", bad.display());
    }
    assert!(check_output_dir(&root, &root.join("public")).is_ok());
    assert!(check_output_dir(&root, &dir.path().join("elsewhere")).is_ok());
}

#[test]
fn clashes_and_traversal_are_errors() {
    let e = check_clashes(&[
        &file("a/index.html", "1"),
        &OutputFile { origin: "other".into(), ..file("a/index.html", "2") },
    ])
    .unwrap_err();
    assert!(e[0].message.contains("also writes"));
    assert!(check_clashes(&[&file("../x", "1")]).is_err());
    assert!(check_clashes(&[&file("/etc/x", "1")]).is_err());
}

#[test]
fn swaps_in_new_output_and_keeps_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[&file("index.html", "one"), &file("old/index.html", "old")]).unwrap();
    std::fs::write(out.join("CNAME"), "example.org").unwrap();
    write_site(&out, &[&file("index.html", "two")]).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
    assert!(!out.join("old/index.html").exists(), "stale output removed");
    assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "example.org");
    assert_eq!(names_in(dir.path()), [".public.folio-previous", "public"]);
    assert_eq!(std::fs::read_to_string(dir.path().join(".public.folio-previous/index.html")).unwrap(), "one");
}

#[cfg(unix)]
#[test]
fn foreign_files_deep_in_folders_and_links_are_kept_and_links_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "outside").unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[&file("index.html", "one"), &file("posts/a/index.html", "a")]).unwrap();
    std::fs::create_dir_all(out.join(".well-known/deep")).unwrap();
    std::fs::write(out.join(".well-known/deep/key.txt"), "key").unwrap();
    std::fs::write(out.join("posts/a/notes.txt"), "notes").unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("posts/linked")).unwrap();
    write_site(&out, &[&file("index.html", "two"), &file("posts/a/index.html", "b")]).unwrap();
    assert_eq!(std::fs::read_to_string(out.join(".well-known/deep/key.txt")).unwrap(), "key");
    assert_eq!(std::fs::read_to_string(out.join("posts/a/notes.txt")).unwrap(), "notes");
    assert_eq!(std::fs::read_to_string(out.join("posts/a/index.html")).unwrap(), "b");
    let link = std::fs::symlink_metadata(out.join("posts/linked")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept as a link");
    let listed = entries_under(&out).unwrap();
    assert!(listed.iter().all(|(p, _)| !p.ends_with("secret.txt")), "a link is listed, not followed: {listed:?}");
}

/// Every file under `dir` (but the manifest) with its text, by path.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir() && e.file_name() != MANIFEST)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap_or_else(|_| "<unreadable>".into()))
        })
        .collect();
    files.sort();
    files
}

/// Folders under `dir` with nothing in them.
fn empty_folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir() && std::fs::read_dir(e.path()).unwrap().next().is_none())
        .map(|e| e.path().to_path_buf())
        .collect()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn expected(files: &[OutputFile]) -> Vec<(String, String)> {
    let mut want: Vec<(String, String)> =
        files.iter().map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).unwrap())).collect();
    want.sort();
    want
}

#[test]
fn the_previous_output_is_written_into_by_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let previous = dir.path().join(".public.folio-previous");
    let builds = [
        vec![file("index.html", "one, a longer text"), file("a/index.html", "a"), file("gone/x/index.html", "x")],
        vec![file("index.html", "two"), file("a/index.html", "a again"), file("b/index.html", "b")],
        vec![file("index.html", "three"), file("c.xml", "c")],
        vec![file("index.html", "four"), file("a/index.html", "a back")],
    ];
    for (n, files) in builds.iter().enumerate() {
        write_site(&out, &files.iter().collect::<Vec<_>>()).unwrap();
        assert_eq!(tree(&out), expected(files), "build {n}");
        if n > 0 {
            // The output the swap replaced, whole: a shorter text leaves nothing of the longer.
            assert_eq!(tree(&previous), expected(&builds[n - 1]), "previous of build {n}");
        }
    }
    assert!(!out.join("gone").exists(), "folders left empty are removed");
    assert!(!out.join("b").exists());
}

#[test]
fn a_file_can_become_a_folder_and_a_folder_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let builds = [
        vec![file("a", "file a"), file("b/index.html", "folder b")],
        vec![file("index.html", "between")],
        vec![file("a/index.html", "folder a"), file("b", "file b")],
    ];
    for files in &builds {
        write_site(&out, &files.iter().collect::<Vec<_>>()).unwrap();
        assert_eq!(tree(&out), expected(files));
    }
}

#[test]
fn no_write_reaches_a_file_linked_from_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let previous = dir.path().join(".public.folio-previous");
    write_site(&out, &[&file("index.html", "one"), &file("posts/a/index.html", "a1")]).unwrap();
    write_site(&out, &[&file("index.html", "two"), &file("posts/a/index.html", "a2")]).unwrap();
    // Someone keeps a hard link to a file of the previous output, and a symbolic link
    // stands where a page will be written.
    let keep = dir.path().join("kept.html");
    std::fs::hard_link(previous.join("index.html"), &keep).unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "not folio's").unwrap();
    std::fs::remove_file(previous.join("posts/a/index.html")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, previous.join("posts/a/index.html")).unwrap();
    write_site(&out, &[&file("index.html", "three"), &file("posts/a/index.html", "a3")]).unwrap();
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "one");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "not folio's");
    assert_eq!(tree(&out), expected(&[file("index.html", "three"), file("posts/a/index.html", "a3")]));
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_previous_output_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("posts")).unwrap();
    std::fs::write(elsewhere.join(MANIFEST), "index.html\n").unwrap();
    std::fs::write(elsewhere.join("index.html"), "mine").unwrap();
    std::fs::write(elsewhere.join("posts/notes.txt"), "mine too").unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join(".public.folio-previous")).unwrap();
    write_site(&out, &[&file("index.html", "folio's")]).unwrap();
    write_site(&out, &[&file("index.html", "folio's again")]).unwrap();
    assert_eq!(std::fs::read_to_string(elsewhere.join("index.html")).unwrap(), "mine");
    assert_eq!(std::fs::read_to_string(elsewhere.join("posts/notes.txt")).unwrap(), "mine too");
    assert_eq!(tree(&out), expected(&[file("index.html", "folio's again")]));
}

#[test]
fn a_foreign_file_is_never_written_through_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[&file("index.html", "one")]).unwrap();
    std::fs::write(out.join("CNAME"), "example.org").unwrap();
    write_site(&out, &[&file("index.html", "two")]).unwrap();
    write_site(&out, &[&file("index.html", "three")]).unwrap();
    // The previous output holds the CNAME carried over (a hard link to the one in public/):
    // a build that writes that path is refused, and neither copy is touched.
    assert!(write_site(&out, &[&file("index.html", "four"), &file("CNAME", "folio's")]).is_err());
    assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "example.org");
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "three");
    write_site(&out, &[&file("index.html", "five")]).unwrap();
    assert_eq!(tree(&out), expected(&[file("CNAME", "example.org"), file("index.html", "five")]));
}

#[test]
fn a_failed_build_into_the_previous_output_leaves_it_reusable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[&file("index.html", "one")]).unwrap();
    write_site(&out, &[&file("index.html", "two"), &file("a/index.html", "a")]).unwrap();
    let staging = Staging::create(&out).unwrap();
    staging.write(&file("index.html", "half")).unwrap();
    staging.write(&file("junk/index.html", "half a build")).unwrap();
    drop(staging);
    assert_eq!(tree(&out), expected(&[file("index.html", "two"), file("a/index.html", "a")]));
    assert_eq!(names_in(dir.path()), [".public.folio-previous", "public"]);
    let files = [file("index.html", "three"), file("b/index.html", "b")];
    write_site(&out, &files.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(tree(&out), expected(&files));
    assert_eq!(empty_folders(&out), Vec::<PathBuf>::new(), "nothing left of the failed build's folders");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever the outputs before it, each build's output holds exactly its files, and the
    /// previous output exactly the build before's.
    #[test]
    fn every_build_holds_exactly_its_files(
        builds in proptest::collection::vec(
            proptest::collection::btree_map(
                proptest::sample::select(vec!["index.html", "a", "a/index.html", "a/b/index.html", "b",
                    "b/index.html", "c/d/e.html", "c/d", "c/f.xml"]),
                "[a-z]{0,40}",
                0..6,
            ),
            1..6,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut before: Option<Vec<OutputFile>> = None;
        for build in builds {
            // A path cannot be a file and a folder at once.
            let files: Vec<OutputFile> = build
                .iter()
                .filter(|(p, _)| !build.keys().any(|q| q.starts_with(&format!("{p}/"))))
                .map(|(p, text)| file(p, text))
                .collect();
            write_site(&out, &files.iter().collect::<Vec<_>>()).unwrap();
            proptest::prop_assert_eq!(tree(&out), expected(&files));
            proptest::prop_assert_eq!(empty_folders(&out), Vec::<PathBuf>::new());
            if let Some(before) = &before
                && out.exists()
            {
                proptest::prop_assert_eq!(tree(&dir.path().join(".public.folio-previous")), expected(before));
            }
            before = Some(files);
        }
    }
}

#[test]
fn an_unfinished_staging_folder_is_removed_and_the_output_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[&file("index.html", "one")]).unwrap();
    let staging = Staging::create(&out).unwrap();
    staging.write(&file("posts/a/index.html", "half a build")).unwrap();
    assert!(staging.write(&file("../escape.html", "x")).is_err());
    drop(staging);
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "one");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
}

#[test]
fn never_overwrites_a_file_it_did_not_create() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "mine").unwrap();
    assert!(write_site(&out, &[&file("index.html", "folio")]).is_err());
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "mine");
}

/// A reused folder's folders are known to the writes, which then make none: only folio's,
/// real folders are listed (a folder of someone else's files and a link to a folder are not).
#[test]
fn the_folders_of_a_reused_output_are_listed_and_only_folios() {
    let dir = tempfile::tempdir().unwrap();
    let staging = dir.path().join("staging");
    std::fs::create_dir_all(staging.join("a/b")).unwrap();
    std::fs::create_dir_all(staging.join("theirs")).unwrap();
    std::fs::write(staging.join("a/b/index.html"), "x").unwrap();
    std::fs::write(staging.join("c.html"), "c").unwrap();
    std::fs::write(staging.join("theirs/f.txt"), "f").unwrap();
    std::fs::write(staging.join(MANIFEST), "a/b/index.html\nc.html\nlinked/index.html\n").unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&elsewhere, staging.join("linked")).unwrap();
    let ready = reusable(&staging).unwrap();
    let mut folders = ready.folders.clone();
    folders.sort();
    assert_eq!(folders, vec![staging.join("a"), staging.join("a/b")]);
    let mut files: Vec<&String> = ready.files.iter().collect();
    files.sort();
    assert_eq!(files, ["a/b/index.html", "c.html"]);
    assert!(!staging.join("theirs").exists() && !staging.join("linked").exists());
}
