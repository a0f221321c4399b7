//! `export --out` and `report --out` never leave a truncated file under the name: killed at any
//! point or out of disk, the file there before stays whole.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::echoes;

/// A corpus of the bundled responses and `n` generated ones, for an export of some size.
fn corpus_of(n: usize) -> tempfile::TempDir {
    let dir = crate::common::bundled_copy();
    for i in 0..n {
        let text: String = (0..8)
            .map(|p| {
                format!(
                    "Paragraph {p} of response {i}: the force reviewed {} custody records and {} referrals.\n\n",
                    i * 3 + p,
                    p * 7 + i
                )
            })
            .collect();
        fs::write(dir.path().join(format!("resp-{i:04}.txt")), text).unwrap();
    }
    dir
}

fn spawn(corpus: &Path, index: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_echoes"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn an_export_or_report_killed_at_any_point_leaves_the_file_there_before_or_the_new_one_whole() {
    let corpus = corpus_of(400);
    let (c, index) = (corpus.path(), tempfile::tempdir().unwrap());
    let i = index.path();
    let out = tempfile::tempdir().unwrap();
    for (args, name) in [(vec!["export", "--out"], "all.ndjson"), (vec!["report", "--out"], "report.html")] {
        let path = out.path().join(name);
        let path_arg = path.to_str().unwrap();
        let mut full = args.clone();
        full.push(path_arg);
        assert_eq!(echoes(c, i, &full).code, 0);
        let new = fs::read(&path).unwrap();
        let old = b"the user's earlier export, kept until a new one is whole\n".to_vec();
        let mut seen_old = 0;
        for delay in [5u64, 20, 40, 60, 80, 100, 130, 160, 200, 260, 330, 420, 600] {
            fs::write(&path, &old).unwrap();
            let mut child = spawn(c, i, &full);
            std::thread::sleep(Duration::from_millis(delay));
            let _ = child.kill();
            child.wait().unwrap();
            let now = fs::read(&path).unwrap();
            if now == old {
                seen_old += 1;
            } else {
                assert_eq!(now.len(), new.len(), "{name}: a partial file under the name, killed {delay} ms in");
                assert!(now == new, "{name}: another file under the name, killed {delay} ms in");
            }
        }
        assert!(seen_old > 0, "{name}: never killed before it ended");
    }
}

/// A small tmpfs, unmounted when dropped.
struct SmallDisk(tempfile::TempDir);

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
#[ignore = "needs root: mounts a small tmpfs"]
fn an_export_on_a_full_disk_keeps_the_file_there_before() {
    let disk = SmallDisk(tempfile::tempdir().unwrap());
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(disk.0.path())
        .status()
        .is_ok_and(|s| s.success());
    assert!(mounted, "cannot mount a tmpfs here: this test needs root");
    let corpus = corpus_of(300);
    let index = tempfile::tempdir().unwrap();
    let path = disk.0.path().join("all.ndjson");
    let old = "an earlier export\n".repeat(1000);
    fs::write(&path, &old).unwrap();
    let run = echoes(corpus.path(), index.path(), &["export", "--out", path.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("No space left") && run.stderr.contains("left as it was"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&path).unwrap(), old);
    let names: Vec<_> = fs::read_dir(disk.0.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("all.ndjson")], "something was left beside it");
}
