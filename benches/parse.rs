//! Parse throughput on the fixtures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn fixtures(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for entry in std::fs::read_dir("fixtures/seeds")
        .into_iter()
        .flatten()
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let name = entry.file_name().to_string_lossy().into_owned();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| zhengce::parse(std::hint::black_box(&bytes)))
        });
    }
    group.finish();
}

criterion_group!(benches, fixtures);
criterion_main!(benches);
